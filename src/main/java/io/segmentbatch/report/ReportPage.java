package io.segmentbatch.report;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no request to anywhere) that shows a run's
 * summary, its segments in a sortable table and a bar chart, each segment's size and changes over the job's last
 * runs, and the first rejected rows. It reads fine without JavaScript; a few lines of it only sort the table.
 */
public final class ReportPage {
    /** How many of the job's runs the history shows. */
    public static final int HISTORY_RUNS = 30;
    /** How many rejected rows the page lists. */
    public static final int REJECTS_SHOWN = 20;

    private ReportPage() {}

    /**
     * @param history the job's completed runs, newest first (this run among them once it completed)
     * @param rejects the run's first rejected rows, in file and line order
     */
    public static String render(JobReport report, List<JobReport> history, List<RejectedRow> rejects) {
        return render(report, history, rejects, null);
    }

    /**
     * The page as {@code serve} shows it: {@code allRuns}, when given, is the address of the list of runs, linked at
     * the top ({@code report.html} in the run's folder has no such link: opened from the disk it would lead nowhere).
     */
    public static String render(
            JobReport report, List<JobReport> history, List<RejectedRow> rejects, @Nullable String allRuns) {
        JobReport.Job job = report.job();
        StringBuilder page = new StringBuilder(32_768);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(Html.escape(job.name()))
                .append(" · ")
                .append(Html.escape(job.runId()))
                .append("</title><style>")
                .append(ReportStyle.CSS)
                .append("</style></head><body><main>");
        page.append("<header>");
        if (allRuns != null) {
            page.append("<nav><a href=\"").append(Html.escape(allRuns)).append("\">All runs</a></nav>");
        }
        page.append("<h1>")
                .append(Html.escape(job.name()))
                .append("</h1><p class=\"run\">")
                .append(Html.escape(job.runId()))
                .append(" <span class=\"status ")
                .append(Html.escape(job.status()))
                .append("\">")
                .append(Html.escape(job.status()))
                .append("</span></p></header>");
        summary(page, report);
        guards(page, report);
        preview(page, report);
        destinations(page, report);
        List<JobReport.SegmentEntry> segments = report.segments() == null ? List.of() : report.segments();
        if (!segments.isEmpty()) {
            segmentTable(page, segments);
            page.append("<section><h2>Segment sizes</h2>")
                    .append(legend())
                    .append("<div class=\"chart\">")
                    .append(ReportCharts.bars(segments.stream()
                            .map(s -> new ReportCharts.Bar(
                                    s.segment().name(), s.segment().type(), s.customersCount()))
                            .toList()))
                    .append("</div></section>");
        }
        ReportHistory.section(page, segments, history);
        rejects(
                page,
                rejects,
                report.input() == null ? rejects.size() : report.input().rowsRejected());
        page.append("<footer>segment-batch · report.json has every figure of this page</footer></main>")
                .append("<script>")
                .append(ReportStyle.SORT_SCRIPT)
                .append("</script></body></html>\n");
        return page.toString();
    }

    private static void summary(StringBuilder page, JobReport report) {
        JobReport.Job job = report.job();
        JobReport.Input input = report.input();
        page.append("<section class=\"summary\">");
        card(page, "Rows read", input == null ? "" : Html.number(input.rowsRead()));
        card(page, "Customers", input == null ? "" : Html.number(input.customers()));
        card(page, "Rows rejected", input == null ? "" : Html.number(input.rowsRejected()));
        card(page, "Duration", Html.duration(job.startedAt(), job.finishedAt()));
        card(
                page,
                "Segments",
                report.segments() == null ? "0" : Html.number(report.segments().size()));
        page.append("</section><dl class=\"facts\">");
        fact(page, "Trigger", job.trigger());
        fact(page, "Started", job.startedAt());
        fact(page, "Finished", job.finishedAt());
        fact(page, "As of", job.asOf() + (job.timezone() == null ? "" : " (" + job.timezone() + ")"));
        if (input != null) {
            fact(page, "Input", String.join("\n", input.files()));
            if (input.warnings() != null && !input.warnings().isEmpty()) {
                fact(page, "Warnings", String.join("\n", input.warnings()));
            }
        }
        if (job.error() != null) {
            page.append("<dt>Error</dt><dd class=\"error\">")
                    .append(Html.escape(job.error()))
                    .append("</dd>");
        }
        page.append("</dl>");
    }

    /** A preview: what it is (nothing committed), and which static segments a run would change. */
    private static void preview(StringBuilder page, JobReport report) {
        if (!"PREVIEW".equals(report.job().status())) {
            return;
        }
        List<JobReport.PartChange> changes = report.preview() == null ? List.of() : report.preview();
        page.append("<section><h2>A preview</h2><p class=\"hint\">A dry run: it evaluated the job like a run and"
                        + " committed nothing (no current membership changed, no event went out, no destination was"
                        + " called). ")
                .append(
                        changes.isEmpty()
                                ? "A run would change no static segment."
                                : "A run would change " + changes.size() + " static segment"
                                        + (changes.size() == 1 ? "" : "s") + ":")
                .append("</p>");
        if (!changes.isEmpty()) {
            page.append("<ul class=\"guards\">");
            for (JobReport.PartChange change : changes) {
                page.append("<li><b>")
                        .append(Html.escape(change.change()))
                        .append("</b> ")
                        .append(Html.escape(change.staticSegment()))
                        .append(
                                change.customersCount() == null
                                        ? ""
                                        : " (" + Html.number(change.customersCount()) + " members)")
                        .append("</li>");
            }
            page.append("</ul>");
        }
        page.append("</section>");
    }

    /**
     * The guards a run tripped: for a held run, why nothing of it is current and what to do about it; for one
     * approved since, why it was held.
     */
    private static void guards(StringBuilder page, JobReport report) {
        List<JobReport.GuardTrip> trips = report.guards();
        if (trips == null || trips.isEmpty()) {
            return;
        }
        JobReport.Job job = report.job();
        boolean held = "HELD".equals(job.status());
        page.append("<section><h2>")
                .append(
                        held
                                ? "Held by its guards"
                                : "PREVIEW".equals(job.status()) ? "Guards a run would trip" : "Guards it tripped")
                .append("</h2>");
        if (held) {
            page.append("<p class=\"hint\">Nothing of this run is current, and none of its events has gone out."
                            + " Approve it to make it current and send its events (<code>segment-batch approve ")
                    .append(Html.escape(job.runId()))
                    .append("</code>, or <code>POST /v1/jobs/")
                    .append(Html.escape(job.name()))
                    .append("/runs/")
                    .append(Html.escape(job.runId()))
                    .append("/approve</code>), or discard it (<code>segment-batch discard ")
                    .append(Html.escape(job.runId()))
                    .append("</code>, or <code>…/discard</code>).</p>");
        }
        page.append("<ul class=\"guards\">");
        for (JobReport.GuardTrip trip : trips) {
            page.append("<li><b>")
                    .append(Html.escape(trip.guard()))
                    .append("</b>: ")
                    .append(Html.escape(trip.message()))
                    .append("</li>");
        }
        page.append("</ul></section>");
    }

    /** Where the run's results went: each destination's status, and its error or what it delivered. */
    private static void destinations(StringBuilder page, JobReport report) {
        List<JobReport.DestinationEntry> destinations = report.destinations();
        if (destinations == null || destinations.isEmpty()) {
            return;
        }
        page.append("<section><h2>Destinations</h2><div class=\"scroll\"><table class=\"destinations\"><thead><tr>")
                .append("<th>Destination</th><th>Type</th><th>Status</th><th>Details</th></tr></thead><tbody>");
        for (JobReport.DestinationEntry destination : destinations) {
            page.append("<tr><td class=\"name\">")
                    .append(Html.escape(destination.name()))
                    .append("</td><td>")
                    .append(Html.escape(destination.type()))
                    .append("</td><td><span class=\"status ")
                    .append(Html.escape(destination.status()))
                    .append("\">")
                    .append(Html.escape(destination.status()))
                    .append("</span></td><td")
                    .append(destination.error() != null ? " class=\"error\">" : ">")
                    .append(Html.escape(details(destination)))
                    .append("</td></tr>");
        }
        page.append("</tbody></table></div></section>");
    }

    private static String details(JobReport.DestinationEntry destination) {
        List<String> parts = new ArrayList<>();
        if (destination.error() != null) {
            parts.add(destination.error());
        }
        if (destination.events() != null) {
            destination.events().forEach((state, count) -> parts.add(Html.number(count) + " " + state));
        }
        if (destination.segments() != null) {
            Map<String, Long> byStatus = new TreeMap<>();
            for (JobReport.PushedSegment segment : destination.segments()) {
                for (JobReport.PushedPart part : segment.staticSegments()) {
                    byStatus.merge(part.status(), 1L, Long::sum);
                }
            }
            List<String> counts = new ArrayList<>();
            byStatus.forEach((status, count) -> counts.add(Html.number(count) + " " + status));
            if (!counts.isEmpty()) {
                parts.add("static segments: " + String.join(", ", counts));
            }
            if (destination.deleted() != null && !destination.deleted().isEmpty()) {
                parts.add(Html.number(destination.deleted().size()) + " replaced ones deleted");
            }
        }
        return String.join(" · ", parts);
    }

    private static void card(StringBuilder page, String label, String value) {
        page.append("<div class=\"card\"><div class=\"value\">")
                .append(Html.escape(value))
                .append("</div><div>")
                .append(Html.escape(label))
                .append("</div></div>");
    }

    private static void fact(StringBuilder page, String label, @Nullable String value) {
        page.append("<dt>")
                .append(Html.escape(label))
                .append("</dt><dd>")
                .append(Html.escape(value))
                .append("</dd>");
    }

    private static void segmentTable(StringBuilder page, List<JobReport.SegmentEntry> segments) {
        page.append("<section><h2>Segments</h2><p class=\"hint\">Click a column title to sort.</p>")
                .append("<div class=\"scroll\"><table class=\"sortable segments\"><thead><tr>")
                .append("<th>Segment</th><th>Type</th><th class=\"num\" data-num>Members</th>")
                .append("<th class=\"num\" data-num>Static segments</th><th class=\"num\" data-num>Entered</th>")
                .append("<th class=\"num\" data-num>Left</th></tr></thead><tbody>");
        for (JobReport.SegmentEntry segment : segments) {
            int parts = segment.staticSegments() == null
                    ? 1
                    : segment.staticSegments().size();
            page.append("<tr><td class=\"name\">")
                    .append(Html.escape(segment.segment().name()))
                    .append("<div class=\"id\">")
                    .append(Html.escape(segment.segment().id()))
                    .append("</div></td>")
                    .append("<td><span class=\"type\" style=\"border-color:")
                    .append(ReportCharts.color(segment.segment().type()))
                    .append("\">")
                    .append(Html.escape(segment.segment().type()))
                    .append("</span></td>");
            numberCell(page, segment.customersCount());
            numberCell(page, parts);
            numberCell(page, segment.entered());
            numberCell(page, segment.left());
            page.append("</tr>");
        }
        page.append("</tbody></table></div></section>");
    }

    private static void numberCell(StringBuilder page, @Nullable Long value) {
        page.append("<td class=\"num\" data-sort=\"")
                .append(value == null ? -1 : value)
                .append("\">")
                .append(value == null ? "–" : Html.number(value))
                .append("</td>");
    }

    private static void numberCell(StringBuilder page, long value) {
        numberCell(page, Long.valueOf(value));
    }

    private static String legend() {
        StringBuilder legend = new StringBuilder("<p class=\"legend\">");
        for (String type : List.of("auto-update", "passive", "static")) {
            legend.append("<span><i style=\"background:")
                    .append(ReportCharts.color(type))
                    .append("\"></i>")
                    .append(type)
                    .append("</span>");
        }
        return legend.append("</p>").toString();
    }

    private static void rejects(StringBuilder page, List<RejectedRow> rejects, long total) {
        page.append("<section><h2>Rejected rows</h2>");
        if (rejects.isEmpty()) {
            page.append("<p>None.</p></section>");
            return;
        }
        page.append("<p class=\"hint\">")
                .append(
                        rejects.size() < total
                                ? "The first " + Html.number(rejects.size()) + " of " + Html.number(total)
                                        + "; all are in rejects.csv."
                                : "All " + Html.number(rejects.size()) + ".")
                .append(
                        "</p><div class=\"scroll\"><table class=\"rejects\"><thead><tr><th>File</th><th class=\"num\">Line</th>")
                .append("<th>Reason</th><th>Row</th></tr></thead><tbody>");
        List<RejectedRow> sorted = new ArrayList<>(rejects);
        sorted.sort(Comparator.comparing(RejectedRow::file, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(RejectedRow::line));
        for (RejectedRow row : sorted) {
            page.append("<tr><td class=\"file\">")
                    .append(Html.escape(Objects.toString(row.file(), "")))
                    .append("</td><td class=\"num\">")
                    .append(Html.number(row.line()))
                    .append("</td><td>")
                    .append(Html.escape(row.reason()))
                    .append("</td><td><code>")
                    .append(Html.escape(Html.cut(Objects.toString(row.raw(), ""), 160)))
                    .append("</code></td></tr>");
        }
        page.append("</tbody></table></div></section>");
    }
}
