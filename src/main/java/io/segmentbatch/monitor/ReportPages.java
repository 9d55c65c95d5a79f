package io.segmentbatch.monitor;

import io.segmentbatch.job.HeldRunSettled;
import io.segmentbatch.job.RunEnded;
import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.RejectedRow;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportPage;
import io.segmentbatch.report.ReportRewritten;
import io.segmentbatch.store.RunReports;
import io.segmentbatch.store.StoredRun;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * A run's HTML report ({@link ReportPage}) from the database: written as {@code report.html} beside
 * {@code report.json} when the run ends, again when its report changes (destinations, approval), and rendered again
 * for {@code serve}'s {@code /runs/{run id}}.
 */
@Component
public class ReportPages {
    private static final Logger log = LoggerFactory.getLogger(ReportPages.class);

    private final RunReports reports;

    ReportPages(RunReports reports) {
        this.reports = reports;
    }

    /** The page of a run as {@code serve} shows it ({@code report.html} with a link to {@code allRuns}), once it has a report. */
    public Optional<String> page(String runId, String allRuns) {
        return reports.find(runId).filter(run -> run.reportJson() != null).map(run -> render(run, allRuns));
    }

    @EventListener
    void runEnded(RunEnded ended) {
        writePage(ended.runId());
    }

    /** Its destinations section changed as the run was delivered. */
    @EventListener
    void reportRewritten(ReportRewritten rewritten) {
        writePage(rewritten.runId());
    }

    /** An approved or discarded run's page said HELD. */
    @EventListener
    void heldRunSettled(HeldRunSettled settled) {
        writePage(settled.runId());
    }

    private void writePage(String runId) {
        try {
            reports.find(runId)
                    .filter(run -> run.reportJson() != null)
                    .ifPresent(run -> ReportFiles.writePage(run.runFolder(), render(run, null)));
        } catch (RuntimeException e) {
            // the run's outcome stands without its page: say so, and carry on
            log.warn("run {}: could not write {}: {}", runId, ReportFiles.PAGE, e.getMessage());
        }
    }

    private String render(StoredRun run, @Nullable String allRuns) {
        List<JobReport> history = reports.completedUpTo(run.runId(), ReportPage.HISTORY_RUNS).stream()
                .map(then -> ReportFiles.readReport(then.reportJson()))
                .toList();
        List<RejectedRow> rejects = reports.firstRejects(run.runId(), ReportPage.REJECTS_SHOWN).stream()
                .map(reject -> new RejectedRow(reject.file(), reject.line(), reject.reason(), reject.raw()))
                .toList();
        return ReportPage.render(ReportFiles.readReport(run.reportJson()), history, rejects, allRuns);
    }
}
