package io.segmentbatch.trigger;

import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.report.JobReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTests {
    private static final String RUN = "run_20261128T023000_Ab12Cd34";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "HELD      | Guards tripped (the run is HELD):",
                "DISCARDED | Guards tripped (the run was held, then discarded):",
                "COMPLETED | Guards tripped (the run was held, then approved):",
                "PREVIEW   | Guards it would trip (a run would be HELD):"
            })
    void theGuardsHeadingSaysWhatBecameOfTheRun(String status, String heading) {
        String table = print(new RunOutcome(RUN, status, Path.of("out", "nightly", RUN), report(status)));

        assertThat(table)
                .contains("Run " + RUN + " " + status)
                .contains(heading + "\n  min_customers: 0 customers, fewer than 1");
    }

    @ParameterizedTest
    @CsvSource({"DISCARDED", "COMPLETED"})
    void aSettledRunIsNotCalledHeld(String status) {
        String table = print(new RunOutcome(RUN, status, Path.of("out"), report(status)));

        assertThat(table).doesNotContain("HELD");
    }

    @Test
    void aLongSegmentNameIsCutInTheTableNotInTheMiddleOfACharacter() {
        assertThat(SummaryTable.cut("short")).isEqualTo("short");
        assertThat(SummaryTable.cut("n".repeat(60))).isEqualTo("n".repeat(60));
        assertThat(SummaryTable.cut("n".repeat(300))).isEqualTo("n".repeat(59) + "…");
        assertThat(SummaryTable.cut("😀".repeat(61))).isEqualTo("😀".repeat(59) + "…");
    }

    @Test
    void countsOfOneAreSingular() {
        assertThat(SummaryTable.count(1, "row", "rows")).isEqualTo("1 row");
        assertThat(SummaryTable.count(0, "row", "rows")).isEqualTo("0 rows");
        assertThat(SummaryTable.count(20_000, "member", "members")).isEqualTo("20,000 members");
    }

    private static JobReport report(String status) {
        JobReport.Job job = new JobReport.Job(
                "nightly",
                RUN,
                status,
                "manual",
                "2026-11-28T02:30:00.120Z",
                "2026-11-28T02:30:41.870Z",
                "2026-11-28T02:30:00.000Z",
                "UTC",
                null);
        JobReport.Input input = new JobReport.Input(List.of("customers.csv"), 0, 0, 0, List.of());
        JobReport.GuardTrip trip = new JobReport.GuardTrip("min_customers", null, 1, 0, "0 customers, fewer than 1");
        return new JobReport("segmentation_report", job, input, List.of(), List.of(trip), null);
    }

    private static String print(RunOutcome outcome) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryTable.print(outcome, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
