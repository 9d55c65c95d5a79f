package io.segmentbatch.monitor;

import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report.html} is written beside {@code report.json} by real runs, with the job's history from the database;
 * subclasses pick the database.
 */
abstract class AbstractReportPageIntegrationTests {

    @Autowired
    RunLauncher launcher;

    @TempDir
    Path folder;

    @Test
    void aRunWritesASelfContainedPageWithItsFiguresHistoryAndRejects() throws IOException {
        String job = RunFixtures.uniqueJobName("page");
        run(job, RunFixtures.copy("customers-1.csv", folder), 10);
        run(job, RunFixtures.copy("customers-2.csv", folder), 10);
        RunOutcome third = run(job, RunFixtures.copy("customers-bad.csv", folder), 10);
        assertThat(third.status()).isEqualTo("COMPLETED");

        Path page = third.runFolder().resolve(ReportFiles.PAGE);
        assertThat(page).exists().hasParent(third.reportFile().getParent());
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains(third.runId(), "COMPLETED");
        assertThat(html)
                .contains(
                        ">" + third.report().input().rowsRead() + "</div><div>Rows read",
                        ">" + third.report().input().rowsRejected() + "</div><div>Rows rejected");
        for (String segment : List.of("Warsaw", "Big spenders", "VIP", "Beta")) {
            assertThat(html).contains("<td class=\"name\">" + segment);
        }
        assertThat(html).contains("<table class=\"sortable segments\">", "<svg class=\"bars\"");
        assertThat(html).contains("The job's last 3 completed runs");
        assertThat(Pattern.compile("<svg class=\"spark\"")
                        .matcher(html)
                        .results()
                        .count())
                .as("a size line per segment, a change chart per auto-update or passive one")
                .isEqualTo(4 + 3);
        List<String[]> rejects = RunFixtures.csv(third.runFolder().resolve(ReportFiles.REJECTS));
        assertThat(rejects).hasSizeGreaterThan(1);
        assertThat(html).contains(escaped(rejects.get(1)[2]));
        assertSelfContained(html);
    }

    @Test
    void aFailedRunGetsAPageWithItsError() throws IOException {
        String job = RunFixtures.uniqueJobName("page-failed");
        RunOutcome failed = run(job, RunFixtures.copy("customers-bad.csv", folder), 1);
        assertThat(failed.status()).isEqualTo("FAILED");
        String html = Files.readString(failed.runFolder().resolve(ReportFiles.PAGE));
        assertThat(html).contains("FAILED", "skip_limit", "No completed run of this job yet.");
        assertSelfContained(html);
    }

    static void assertSelfContained(String html) {
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://", "https://", "<link", "src=", "@import", "url(");
    }

    private RunOutcome run(String job, Path input, int skipLimit) {
        // the page's history shows runs of changing inputs: no guard holds them
        Path jobFile = JobFile.of("job-segments.json")
                .name(job)
                .input(input)
                .set("skip_limit", skipLimit)
                .set("guards", null)
                .writeTo(folder);
        return launcher.run(new RunRequest(
                new JobDefinitionLoader().load(jobFile),
                null,
                folder.resolve("out"),
                Instant.parse("2026-11-01T12:00:00Z"),
                Trigger.MANUAL));
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
