package io.segmentbatch.api;

import io.segmentbatch.monitor.ReportPages;
import io.segmentbatch.report.RunListPage;
import io.segmentbatch.report.Times;
import io.segmentbatch.store.RunReports;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTML pages for people ({@code /runs}, {@code /runs/{run id}}, behind HTTP Basic): the runs of every job, and
 * each run's report page, the same as its {@code report.html}.
 */
@Controller
@Hidden
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class RunPagesController {
    static final int LISTED = 200;
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final RunReports reports;
    private final ReportPages pages;

    RunPagesController(RunReports reports, ReportPages pages) {
        this.reports = reports;
        this.pages = pages;
    }

    @GetMapping("/runs")
    ResponseEntity<String> runs() {
        return ResponseEntity.ok()
                .contentType(HTML)
                .body(RunListPage.render(reports.recent(LISTED).stream()
                        .map(run -> new RunListPage.Row(
                                run.runId(),
                                run.jobName(),
                                run.status(),
                                run.trigger().toLowerCase(Locale.ROOT),
                                Times.format(run.createdAt()),
                                Times.format(run.finishedAt())))
                        .toList()));
    }

    @GetMapping("/runs/{runId}")
    ResponseEntity<String> run(@PathVariable String runId) {
        return pages.page(runId, "/runs")
                .map(page -> ResponseEntity.ok().contentType(HTML).body(page))
                .orElseGet(() -> ResponseEntity.status(404)
                        .contentType(HTML)
                        .body("<!DOCTYPE html><html lang=\"en\">"
                                + "<head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>No report of run "
                                + HtmlUtils.htmlEscape(runId)
                                + " (yet). <a href=\"/runs\">All runs</a></p></body></html>"));
    }
}
