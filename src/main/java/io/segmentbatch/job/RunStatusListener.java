package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Marks a run that did not complete as failed, in its row and its folder: a {@code report.json} with status
 * FAILED and the reason, and the rejects so far. Its members never become current.
 */
@Component
class RunStatusListener implements JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(RunStatusListener.class);

    private final Runs runs;
    private final RunContexts contexts;
    private final ReportAssembler reports;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    RunStatusListener(Runs runs, RunContexts contexts, ReportAssembler reports, JdbcTemplate jdbc,
                      ApplicationEventPublisher events) {
        this.events = events;
        this.runs = runs;
        this.contexts = contexts;
        this.reports = reports;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        runs.find(runId).ifPresent(run -> {
            runs.update(run.runNo(), "STARTED", null, null);
            events.publishEvent(new RunStarted(runId, run.jobName(), execution));
        });
    }

    /** Marks a run that did not complete, then tells the operator's views (metrics, report.html, progress) it ended. */
    @Override
    public void afterJob(JobExecution execution) {
        String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        try {
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                markNotCompleted(execution);
            }
        } finally {
            runs.find(runId).ifPresent(run -> events.publishEvent(new RunEnded(runId, run.jobName(), run.status())));
        }
    }

    private void markNotCompleted(JobExecution execution) {
        String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        RunContext run = contexts.load(runId);
        Instant finished = Instant.now();
        String error = failureMessage(execution);
        String status = execution.getStatus() == BatchStatus.STOPPED ? "STOPPED" : "FAILED";
        JobReport report = new JobReport(reports.job(run.run(), run.definition(), status, finished, error),
                reports.input(run.run(), List.of()), List.of());
        runs.update(run.run().runNo(), status, ReportJson.MAPPER.writeValueAsString(report), finished);
        try {
            RunFiles.writeRejects(jdbc, run.run());
            ReportFiles.writeReport(run.run().runFolder(), report);
        } catch (RuntimeException e) {
            log.warn("run {}: could not write the failure report: {}", runId, e.getMessage());
        }
        log.info("run {} {} at {}: {}", runId, status, Times.format(finished), error);
    }

    /** The innermost message of the first failure: what a user needs to see. */
    static String failureMessage(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return execution.getExitStatus().getExitDescription();
        }
        Throwable cause = failures.get(0);
        String message = cause.getMessage();
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SkipLimitExceededException) {
                return "more rows were rejected than the job's skip_limit allows (last: " + innermost(t) + "); see rejects.csv";
            }
        }
        return innermost(cause) != null ? innermost(cause) : message;
    }

    private static String innermost(Throwable t) {
        String message = t.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
