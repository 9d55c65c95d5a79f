package io.segmentbatch.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What serve mode checks across its job files: one job for the API's segments, the catalog's 100 filter segments. */
class ServedJobsTests {
    @TempDir
    Path jobs;

    @Test
    void theJobWithApiSegmentsEvaluatesTheApisSegmentsAndFilterSegmentsAreCountedOverAllJobs() {
        JobFile.of("job-segments.json")
                .name("first")
                .input(Path.of("in.csv"))
                .set("api_segments", true)
                .writeTo(jobs);
        RunFixtures.job("job-all.json", "second", Path.of("in.csv"), jobs);

        ServedJobs served = ServedJobs.load(jobs);

        assertThat(served.apiSegmentsJob()).map(JobDefinition::name).contains("first");
        assertThat(served.filterSegmentCount()).isEqualTo(4);
    }

    @Test
    void withoutApiSegmentsNoJobTakesTheApisSegments() {
        RunFixtures.job("job-all.json", "only", Path.of("in.csv"), jobs);
        assertThat(ServedJobs.load(jobs).apiSegmentsJob()).isEmpty();
    }

    @Test
    void twoJobsWithApiSegmentsAreAnErrorAtTheSecondsKey() {
        for (String name : new String[] {"first", "second"}) {
            JobFile.of("job-all.json")
                    .name(name)
                    .input(Path.of("in.csv"))
                    .set("api_segments", true)
                    .writeTo(jobs);
        }
        assertThatThrownBy(() -> ServedJobs.load(jobs))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("second.json: $.api_segments: job first already evaluates the API's segments");
    }

    @Test
    void twoJobsWatchingOneInboxAreAnErrorHoweverTheyWriteItsPath() {
        JobFile.of("job-all.json")
                .name("first")
                .input(Path.of("in.csv"))
                .set("inbox", "inbox/shared")
                .writeTo(jobs);
        JobFile.of("job-all.json")
                .name("second")
                .input(Path.of("in.csv"))
                .set("inbox", "./inbox/shared/")
                .writeTo(jobs);
        JobFile.of("job-all.json")
                .name("third")
                .input(Path.of("in.csv"))
                .set("inbox", "inbox/own")
                .writeTo(jobs);

        assertThatThrownBy(() -> ServedJobs.load(jobs))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("second.json: $.inbox: job first (")
                .hasMessageContaining(
                        "watches the same inbox, " + Path.of("inbox/shared").toAbsolutePath())
                .hasMessageNotContaining("third");
    }
}
