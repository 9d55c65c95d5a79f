package io.segmentbatch.report;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The report's history section: each segment's size and its entered/left over the job's last completed runs. */
final class ReportHistory {
    private ReportHistory() {}

    /**
     * @param segments this run's segments (the rows); when the run has none (it failed), the newest run's
     * @param history  the job's completed runs, newest first
     */
    static void section(StringBuilder page, List<JobReport.SegmentEntry> segments, List<JobReport> history) {
        page.append("<section><h2>Over the last runs</h2>");
        if (history.isEmpty()) {
            page.append("<p>No completed run of this job yet.</p></section>");
            return;
        }
        List<JobReport> runs = new ArrayList<>(history);
        Collections.reverse(runs);
        List<JobReport.SegmentEntry> rows = segments.isEmpty() ? history.get(0).segments() : segments;
        page.append("<p class=\"hint\">")
                .append(
                        runs.size() == 1
                                ? "The job's one completed run so far, started "
                                        + Html.escape(runs.get(0).job().startedAt())
                                : "The job's last " + runs.size() + " completed runs, oldest on the left: "
                                        + Html.escape(runs.get(0).job().startedAt()) + " to "
                                        + Html.escape(
                                                runs.get(runs.size() - 1).job().startedAt()))
                .append(".</p>")
                .append("<div class=\"scroll\"><table class=\"history\"><thead><tr><th>Segment</th><th>Members</th>")
                .append("<th>Entered <span class=\"up\">▲</span> / left <span class=\"down\">▼</span></th>")
                .append("<th class=\"num\">Range of members</th></tr></thead><tbody>");
        for (JobReport.SegmentEntry segment : rows) {
            List<Long> sizes = new ArrayList<>();
            List<Long> entered = new ArrayList<>();
            List<Long> left = new ArrayList<>();
            for (JobReport run : runs) {
                JobReport.SegmentEntry then = find(run, segment.segment().id());
                sizes.add(then == null ? null : then.customersCount());
                entered.add(then == null ? null : then.entered());
                left.add(then == null ? null : then.left());
            }
            long min = sizes.stream()
                    .filter(v -> v != null)
                    .mapToLong(Long::longValue)
                    .min()
                    .orElse(0);
            long max = sizes.stream()
                    .filter(v -> v != null)
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0);
            page.append("<tr><td class=\"name\">")
                    .append(Html.escape(segment.segment().name()))
                    .append("</td><td>")
                    .append(ReportCharts.sparkline(sizes))
                    .append("</td><td>");
            if (segment.entered() != null) {
                page.append(ReportCharts.changes(entered, left));
            } else {
                page.append("<span class=\"hint\">no changes tracked (")
                        .append(Html.escape(segment.segment().type()))
                        .append(")</span>");
            }
            page.append("</td><td class=\"num\">")
                    .append(Html.number(min))
                    .append(" – ")
                    .append(Html.number(max))
                    .append("</td></tr>");
        }
        page.append("</tbody></table></div></section>");
    }

    private static JobReport.@Nullable SegmentEntry find(JobReport run, String segmentId) {
        if (run.segments() == null) {
            return null;
        }
        for (JobReport.SegmentEntry entry : run.segments()) {
            if (entry.segment().id().equals(segmentId)) {
                return entry;
            }
        }
        return null;
    }
}
