package io.segmentbatch.trigger;

import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.report.Html;
import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.RunStatus;

import java.io.PrintStream;

/** The table printed at the end of a run: one line per segment, then where the report is. */
final class SummaryTable {
    private static final int NAME_WIDTH = 60;

    private SummaryTable() {}

    static void print(RunOutcome outcome, PrintStream out) {
        JobReport report = outcome.report();
        out.println();
        out.printf("Run %s %s%n", outcome.runId(), outcome.status());
        if (report != null) {
            // a run that ended early counts what it committed: a restart reads on from there
            boolean early = RunStatus.FAILED.is(outcome.status()) || RunStatus.STOPPED.is(outcome.status());
            out.printf(
                    (early ? "Input, as of its last commit: " : "Input: ") + "%s read, %s, %,d rejected%n",
                    count(report.input().rowsRead(), "row", "rows"),
                    count(report.input().customers(), "customer", "customers"),
                    report.input().rowsRejected());
            if (report.job().error() != null) {
                out.println("Error: " + report.job().error());
            }
            if (!report.segments().isEmpty()) {
                int width = Math.max(
                        7,
                        report.segments().stream()
                                .mapToInt(s -> cut(s.segment().name()).length())
                                .max()
                                .orElse(7));
                String format = "%-" + width + "s  %-11s  %10s  %8s  %8s  %8s%n";
                out.printf(format, "segment", "type", "members", "static", "entered", "left");
                for (JobReport.SegmentEntry entry : report.segments()) {
                    int parts = entry.staticSegments() == null
                            ? 1
                            : entry.staticSegments().size();
                    out.printf(
                            format,
                            cut(entry.segment().name()),
                            entry.segment().type(),
                            String.format("%,d", entry.customersCount()),
                            parts,
                            entry.entered() == null ? "-" : String.format("%,d", entry.entered()),
                            entry.left() == null ? "-" : String.format("%,d", entry.left()));
                }
            }
        }
        if (report != null && report.guards() != null) {
            out.println(guardsHeading(outcome));
            report.guards().forEach(trip -> out.println("  " + trip.guard() + ": " + trip.message()));
        }
        if (report != null && report.preview() != null) {
            var changing = report.preview().stream()
                    .filter(change -> !"UNCHANGED".equals(change.change()))
                    .toList();
            out.printf(
                    "Static segments that would change: %d of %d%n",
                    changing.size(), report.preview().size());
            changing.forEach(change -> out.println("  " + change.change() + "  " + change.staticSegment()
                    + (change.customersCount() == null
                            ? ""
                            : " (" + count(change.customersCount(), "member", "members") + ")")));
        }
        // a run that could not write its folder (e.g. the disk filled up) has no report to point at
        out.println(
                java.nio.file.Files.isRegularFile(outcome.reportFile())
                        ? "Report: " + outcome.reportFile()
                        : "No report was written to " + outcome.runFolder());
    }

    /**
     * A segment name as the table shows it: at most {@value #NAME_WIDTH} characters, a longer one cut with "…" (one
     * name of 500 characters widened every row of the table to 500 columns); report.json has it whole.
     */
    static String cut(String name) {
        return Html.cut(name, NAME_WIDTH);
    }

    /** {@code 1 row}, {@code 2,000 rows}. */
    static String count(long n, String one, String many) {
        return String.format("%,d %s", n, n == 1 ? one : many);
    }

    /** A held report's guards stay in it once the run is discarded: the heading says what became of the run. */
    private static String guardsHeading(RunOutcome outcome) {
        if (outcome.previewed()) {
            return "Guards it would trip (a run would be HELD):";
        }
        if (outcome.discarded()) {
            return "Guards tripped (the run was held, then discarded):";
        }
        if (RunStatus.COMPLETED.is(outcome.status())) {
            return "Guards tripped (the run was held, then approved):";
        }
        return "Guards tripped (the run is HELD):";
    }
}
