package io.segmentbatch.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of a job with many segments and 30 runs of history. The pages are also left in
 * {@code target/report-samples/} for {@code scripts/screenshot-report}, to look at in a browser.
 */
class ReportPageTests {
    private static final Instant START = Instant.parse("2026-10-01T02:30:00Z");
    private static final String[] NAMES = {
        "Big spenders",
        "Newsletter readers",
        "Warsaw",
        "Lapsed 90 days",
        "Gold tier",
        "New this month",
        "Birthday this week",
        "Cart abandoners",
        "Mobile app users",
        "Beta testers"
    };

    @ParameterizedTest
    @ValueSource(ints = {10, 100})
    void everySegmentHasARowABarAndItsHistory(int segments) throws IOException {
        List<JobReport> history = history(segments, ReportPage.HISTORY_RUNS);
        String html = ReportPage.render(history.get(0), history, rejects(120));
        Path sample =
                Files.createDirectories(Path.of("target", "report-samples")).resolve("report-" + segments + ".html");
        Files.writeString(sample, html);

        assertThat(count(html, "<tr><td class=\"name\">")).isEqualTo(2L * segments);
        assertThat(count(html, "<rect x=\"270\"")).as("one bar per segment").isEqualTo(segments);
        assertThat(html).contains("The job's last 30 completed runs", "The first 20 of 120; all are in rejects.csv.");
        assertThat(html).contains(">Big spenders &lt;VIP&gt; &amp; friends<").doesNotContain("<VIP>");
    }

    @Test
    void aPageWithoutHistoryOrRejectsSaysSo() {
        JobReport report = history(3, 1).get(0);
        String html = ReportPage.render(report, List.of(), List.of());
        assertThat(html).contains("No completed run of this job yet.", "<h2>Rejected rows</h2><p>None.</p>");
    }

    @Test
    void servedThePageLinksBackToTheListOfRunsAndAsAFileItDoesNot() {
        JobReport report = history(3, 1).get(0);
        assertThat(ReportPage.render(report, List.of(), List.of(), "/runs"))
                .contains("<header><nav><a href=\"/runs\">All runs</a></nav><h1>");
        assertThat(ReportPage.render(report, List.of(), List.of())).doesNotContain("<nav>", "All runs");
    }

    @Test
    void longNamesAreCutInTheChartButWholeInItsTooltipAndTable() {
        String name = "A segment with a very long name that goes on and on past any label width".repeat(3);
        JobReport report = new JobReport(
                job(0, "COMPLETED"),
                new JobReport.Input(List.of("in.csv"), 1, 1, 0, List.of()),
                List.of(entry(0, name, "auto-update", 5, 1L, 0L)));
        String html = ReportPage.render(report, List.of(report), List.of());
        assertThat(html).contains("<title>" + name + ": 5 members", "<td class=\"name\">" + name);
        assertThat(html).contains(">" + name.substring(0, 35) + "…</text>");
    }

    /** A held run's page says why nothing of it is current and how to settle it, as its report.json does. */
    @Test
    void aHeldRunsPageNamesItsGuardsAndHowToSettleIt() throws IOException {
        JobReport report = history(3, 1)
                .get(0)
                .withJob(job(4, "HELD"))
                .withGuards(List.of(new JobReport.GuardTrip(
                        "max_customers_drop_ratio",
                        null,
                        0.5,
                        0.93,
                        "the input has 93.0% fewer customers than the last completed run (limit 50.0%)")));
        String html = ReportPage.render(report, List.of(), List.of());
        Files.writeString(
                Files.createDirectories(Path.of("target", "report-samples")).resolve("report-held.html"), html);

        assertThat(html)
                .contains(
                        "<h2>Held by its guards</h2>",
                        "<b>max_customers_drop_ratio</b>: the input has 93.0% fewer customers than the last"
                                + " completed run (limit 50.0%)",
                        "<code>segment-batch approve run_20261105T023000_Ab12Cd34</code>",
                        "<code>POST /v1/jobs/nightly-segments/runs/run_20261105T023000_Ab12Cd34/approve</code>",
                        "<code>segment-batch discard run_20261105T023000_Ab12Cd34</code>");
        assertThat(ReportPage.render(report.withJob(job(4, "COMPLETED")), List.of(), List.of()))
                .as("approved since: why it was held, and nothing to do")
                .contains("<h2>Guards it tripped</h2>", "<b>max_customers_drop_ratio</b>")
                .doesNotContain("segment-batch approve");
        assertThat(ReportPage.render(history(3, 1).get(0), List.of(), List.of()))
                .doesNotContain("Guards it tripped", "Held by its guards");
    }

    /** A preview's page says it committed nothing, which guards a run would trip and which static segments change. */
    @Test
    void aPreviewsPageSaysItIsADryRunAndWhatARunWouldChange() {
        JobReport base = history(3, 1)
                .get(0)
                .withJob(job(4, "PREVIEW"))
                .withGuards(List.of(new JobReport.GuardTrip("min_customers", null, 1, 0, "0 customers, fewer than 1")));
        JobReport preview = new JobReport(
                base.object(),
                base.job(),
                base.input(),
                base.segments(),
                base.guards(),
                base.destinations(),
                List.of(
                        new JobReport.PartChange("Warsaw", "Warsaw (2/2)", "seg_x", "REMOVED", null),
                        new JobReport.PartChange("VIP", "VIP (1/1)", "seg_y", "CHANGED", 1_200L)));

        assertThat(ReportPage.render(preview, List.of(), List.of()))
                .contains(
                        "<h2>Guards a run would trip</h2>",
                        "<h2>A preview</h2>",
                        "committed nothing",
                        "A run would change 2 static segments:",
                        "<li><b>REMOVED</b> Warsaw (2/2)</li>",
                        "<li><b>CHANGED</b> VIP (1/1) (1,200 members)</li>")
                .doesNotContain("Guards it tripped");
        assertThat(ReportPage.render(base, List.of(), List.of())).contains("A run would change no static segment.");
        assertThat(ReportPage.render(history(3, 1).get(0), List.of(), List.of()))
                .doesNotContain("A preview");
    }

    /** Where the run's results went, with each destination's error, as report.json's destinations section. */
    @Test
    void thePageListsTheDestinationsWithTheirStatusAndError() {
        JobReport report = history(3, 1)
                .get(0)
                .withDestinations(List.of(
                        new JobReport.DestinationEntry(
                                "nightly:webhook:https://hooks.example.com/segments",
                                "webhook",
                                "FAILED",
                                "3 event(s) dead after their last try (last error: HTTP 500)",
                                null,
                                null,
                                new java.util.LinkedHashMap<>(java.util.Map.of("delivered", 41L))),
                        new JobReport.DestinationEntry(
                                "nightly:voucherify:https://api.voucherify.io",
                                "voucherify",
                                "DONE",
                                null,
                                List.of(new JobReport.PushedSegment(
                                        "seg_1",
                                        "Warsaw",
                                        "DONE",
                                        List.of("seg_remote1", "seg_remote2"),
                                        null,
                                        List.of(
                                                new JobReport.PushedPart("seg_1a", "Warsaw 1", "DONE", "r1", null),
                                                new JobReport.PushedPart("seg_1b", "Warsaw 2", "KEPT", "r2", null)))),
                                List.of("seg_old"),
                                null)));
        String html = ReportPage.render(report, List.of(), List.of());
        assertThat(html)
                .contains(
                        "<h2>Destinations</h2>",
                        "nightly:webhook:https://hooks.example.com/segments</td><td>webhook</td>"
                                + "<td><span class=\"status FAILED\">FAILED</span></td>"
                                + "<td class=\"error\">3 event(s) dead after their last try (last error: HTTP 500)"
                                + " · 41 delivered</td>",
                        "<td><span class=\"status DONE\">DONE</span></td><td>static segments: 1 DONE, 1 KEPT · 1"
                                + " replaced ones deleted</td>");
        assertThat(ReportPage.render(history(3, 1).get(0), List.of(), List.of()))
                .doesNotContain("<h2>Destinations</h2>");
    }

    private static long count(String html, String text) {
        return Pattern.compile(Pattern.quote(text)).matcher(html).results().count();
    }

    /** Newest first, as the database gives it: a job whose segments grow and churn a little every night. */
    static List<JobReport> history(int segments, int runs) {
        Random random = new Random(segments);
        long[] sizes = new long[segments];
        for (int s = 0; s < segments; s++) {
            sizes[s] = (long) Math.pow(10, 1 + random.nextDouble() * 5);
        }
        List<JobReport> reports = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<JobReport.SegmentEntry> entries = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                long entered = run == 0 ? sizes[s] : (long) (sizes[s] * random.nextDouble() * 0.05);
                long left = run == 0 ? 0 : (long) (sizes[s] * random.nextDouble() * 0.04);
                sizes[s] += run == 0 ? 0 : entered - left;
                String type = s % 7 == 6 ? "static" : s % 3 == 2 ? "passive" : "auto-update";
                String name = s == 0
                        ? "Big spenders <VIP> & friends"
                        : s % 10 == 3
                                ? "Customers who ordered more than 1,000 PLN in the last 90 days in Warsaw " + s
                                : NAMES[s % NAMES.length] + (s < NAMES.length ? "" : " " + s);
                entries.add(entry(
                        s,
                        name,
                        type,
                        sizes[s],
                        type.equals("static") ? null : entered,
                        type.equals("static") ? null : left));
            }
            long customers = (long) (Arrays.stream(sizes).max().orElse(0) * 1.7);
            reports.add(
                    0,
                    new JobReport(
                            job(run, "COMPLETED"),
                            new JobReport.Input(
                                    List.of("exports/customers-2026-11-" + (run + 1) + ".csv.gz"),
                                    customers + 120,
                                    customers,
                                    120,
                                    List.of()),
                            entries));
        }
        return reports;
    }

    private static JobReport.Job job(int run, String status) {
        Instant started = START.plusSeconds(86_400L * run);
        return new JobReport.Job(
                "nightly-segments",
                "run_202611%02dT023000_Ab12Cd34".formatted(run + 1),
                status,
                "schedule",
                Times.format(started),
                Times.format(started.plusSeconds(754)),
                Times.format(started),
                "Europe/Warsaw",
                null);
    }

    private static JobReport.SegmentEntry entry(
            int s, String name, String type, long members, Long entered, Long left) {
        SegmentObject segment =
                new SegmentObject("seg_%024d".formatted(s), name, Times.format(START), type, null, "DONE");
        int chunks = (int) Math.max(1, (members + 19_999) / 20_000);
        List<JobReport.StaticSegment> statics = new ArrayList<>();
        for (int c = 1; c <= chunks; c++) {
            statics.add(new JobReport.StaticSegment(
                    new SegmentObject(
                            "seg_%020d%04d".formatted(s, c),
                            name + " (" + c + "/" + chunks + ")",
                            Times.format(START),
                            "static",
                            null,
                            "DONE"),
                    Math.min(20_000, members - 20_000L * (c - 1)),
                    "segments/x.csv"));
        }
        return new JobReport.SegmentEntry(
                segment,
                members,
                entered,
                left,
                entered == null ? null : entered + left,
                type.equals("static") ? null : statics,
                type.equals("static") ? "segments/x.csv" : null);
    }

    private static List<RejectedRow> rejects(int count) {
        List<RejectedRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(count, ReportPage.REJECTS_SHOWN); i++) {
            rows.add(new RejectedRow(
                    "exports/customers-2026-11-30.csv.gz",
                    1000L + i * 37,
                    i % 2 == 0
                            ? "expected 7 cells as in the header, found 8"
                            : "created_at: '2023-13-45' is not an ISO 8601 date",
                    "cust_" + i + ",src_" + i + ",Some Name,some" + i + "@example.com,2023-13-45,100,"
                            + "x".repeat(i % 5 * 60)));
        }
        return rows;
    }
}
