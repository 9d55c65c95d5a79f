package io.segmentbatch.report;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** The page of {@code serve}'s {@code /runs}: the runs of every job, newest first, each a link to its report. */
public final class RunListPage {

    /** One run in the list; {@code finishedAt} is null while it goes. */
    public record Row(
            String runId,
            String jobName,
            String status,
            String trigger,
            String startedAt,
            @Nullable String finishedAt) {}

    private RunListPage() {}

    public static String render(List<Row> runs) {
        StringBuilder page = new StringBuilder(8192);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Runs · segment-batch</title>")
                .append("<style>")
                .append(ReportStyle.CSS)
                .append(".runs{min-width:880px}a{color:#1d4ed8}</style></head><body><main>")
                .append("<header><h1>Runs</h1><p class=\"run\">Every job's runs, newest first (the last ")
                .append(runs.size())
                .append(").</p></header>");
        if (runs.isEmpty()) {
            page.append("<p>No run yet.</p>");
        } else {
            page.append("<div class=\"scroll\"><table class=\"sortable runs\"><thead><tr><th>Run</th><th>Job</th>")
                    .append(
                            "<th>Status</th><th>Trigger</th><th>Started</th><th class=\"num\" data-num>Duration</th></tr></thead>"
                                    + "<tbody>");
            for (Row run : runs) {
                page.append("<tr><td><a href=\"/runs/")
                        .append(Html.escape(run.runId()))
                        .append("\">")
                        .append(Html.escape(run.runId()))
                        .append("</a></td><td>")
                        .append(Html.escape(run.jobName()))
                        .append("</td><td><span class=\"status ")
                        .append(Html.escape(run.status()))
                        .append("\">")
                        .append(Html.escape(run.status()))
                        .append("</span></td><td>")
                        .append(Html.escape(run.trigger()))
                        .append("</td><td>")
                        .append(Html.escape(run.startedAt()))
                        // sorted by milliseconds, not by its text ("10.5 s" before "5.6 s"); a going run sorts last
                        .append("</td><td class=\"num\" data-sort=\"")
                        .append(Html.millis(run.startedAt(), run.finishedAt()))
                        .append("\">")
                        .append(Html.escape(Html.duration(run.startedAt(), run.finishedAt())))
                        .append("</td></tr>");
            }
            page.append("</tbody></table></div>");
        }
        return page.append("</main><script>")
                .append(ReportStyle.SORT_SCRIPT)
                .append("</script></body></html>\n")
                .toString();
    }
}
