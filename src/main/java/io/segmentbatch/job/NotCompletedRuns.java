package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.ReportRewritten;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.report.Times;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.Runs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Marks a run that ended without completing (FAILED or STOPPED), in its row and its folder: a {@code report.json}
 * with the status and the reason, and the rejects so far. Its members never become current.
 */
@Component
class NotCompletedRuns {
    private static final Logger log = LoggerFactory.getLogger(NotCompletedRuns.class);

    private final Runs runs;
    private final RunContexts contexts;
    private final ReportAssembler reports;
    private final Rejects rejects;
    private final ApplicationEventPublisher events;
    /** Runs of this process are evaluated by workers: a restart says so too. */
    private final boolean remote;

    NotCompletedRuns(
            Runs runs,
            RunContexts contexts,
            ReportAssembler reports,
            Rejects rejects,
            ApplicationEventPublisher events,
            @Value("${" + RemotePartitioning.ENABLED + ":false}") boolean remote) {
        this.runs = runs;
        this.contexts = contexts;
        this.reports = reports;
        this.rejects = rejects;
        this.events = events;
        this.remote = remote;
    }

    /** How to go on with the run from its last commit. */
    String restartHint(String runId) {
        return "segment-batch restart " + runId + (remote ? " --remote" : "");
    }

    /** Marks a run of this process that ended FAILED or STOPPED, with the reason. */
    void mark(String runId, RunStatus status, @Nullable String error) {
        RunContext run = contexts.load(runId);
        Instant finished = Instant.now();
        JobReport report = new JobReport(
                reports.job(run.run(), run.definition(), status, finished, error),
                reports.input(run.run(), List.of()),
                List.of());
        runs.update(run.run().runNo(), status, ReportJson.MAPPER.writeValueAsString(report), finished);
        try {
            RunFiles.writeRejects(rejects, run.run());
            ReportFiles.writeReport(run.run().runFolder(), report);
        } catch (RuntimeException e) {
            log.warn("run {}: could not write the failure report: {}", runId, e.getMessage());
        }
        log.info("run {} {} at {}: {}", runId, status, Times.format(finished), error);
    }

    /**
     * Marks FAILED a run whose process stopped without ending it (killed, or its machine lost), so that its folder
     * says so as a failed run's does; then its {@code report.html} follows. Should the report not be made, the run
     * is still marked FAILED.
     */
    void markAbandoned(String runId) {
        try {
            mark(
                    runId,
                    RunStatus.FAILED,
                    "the process running it stopped before the run ended (killed, or its machine lost); restart it to"
                            + " go on from its last commit (" + restartHint(runId) + ")");
            events.publishEvent(new ReportRewritten(runId));
        } catch (RuntimeException e) {
            log.warn("run {}: could not write its failure report: {}", runId, e.getMessage());
            runs.find(runId).ifPresent(run -> runs.update(run.runNo(), RunStatus.FAILED, null, Instant.now()));
        }
    }
}
