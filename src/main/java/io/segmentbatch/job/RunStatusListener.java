package io.segmentbatch.job;

import io.segmentbatch.destination.Destinations;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Marks a run that did not complete as failed or stopped ({@link NotCompletedRuns}), and once a run completed, drops
 * what it superseded and hands it to its destinations. Every run's end is published ({@link RunEnded}).
 */
@Component
class RunStatusListener implements JobExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(RunStatusListener.class);

    private final Runs runs;
    private final NotCompletedRuns notCompleted;
    private final RunCustomers customers;
    private final Destinations destinations;
    private final ApplicationEventPublisher events;
    private final SupersededRuns superseded;
    private final HeldRunDiscards discards;

    RunStatusListener(
            Runs runs,
            NotCompletedRuns notCompleted,
            RunCustomers customers,
            Destinations destinations,
            ApplicationEventPublisher events,
            SupersededRuns superseded,
            HeldRunDiscards discards) {
        this.discards = discards;
        this.superseded = superseded;
        this.events = events;
        this.destinations = destinations;
        this.runs = runs;
        this.notCompleted = notCompleted;
        this.customers = customers;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        runs.find(runId).ifPresent(run -> {
            runs.update(run.runNo(), RunStatus.STARTED, null, null);
            events.publishEvent(new RunStarted(runId, run.jobName(), execution));
        });
        destinations.expect(runId);
    }

    /** Marks a run that did not complete, then tells the operator's views (metrics, report.html, progress) it ended. */
    @Override
    public void afterJob(JobExecution execution) {
        String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        try {
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                purgeSupersededRuns(runId);
                // a held run and a dry run went to the end but committed nothing: nothing to deliver
                if (runs.find(runId)
                        .filter(run -> RunStatus.COMPLETED.is(run.status()))
                        .isPresent()) {
                    destinations.afterCommit(runId);
                }
            } else {
                markNotCompleted(execution);
            }
        } finally {
            runs.find(runId).ifPresent(run -> {
                customers.forgetKeys(run.runNo());
                events.publishEvent(new RunEnded(runId, run.jobName(), run.status()));
            });
        }
    }

    private void markNotCompleted(JobExecution execution) {
        String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        RunStatus status = execution.getStatus() == BatchStatus.STOPPED ? RunStatus.STOPPED : RunStatus.FAILED;
        // Spring Batch's own words for a stop ("Job interrupted by step execution") tell an operator nothing
        String error = status == RunStatus.STOPPED
                ? "stopped on request (Ctrl-C, SIGTERM or a shutdown); restart it to go on from its last commit" + " ("
                        + notCompleted.restartHint(runId) + ")"
                : failureMessage(execution);
        notCompleted.mark(runId, status, error);
    }

    /**
     * Drops the customers of this job's earlier runs that no segment's baseline is any more, but the baseline this
     * run replaced (dropped by the next run, so that no read that began before this commit loses it). Done once the run has
     * committed, outside its transactions, and only on this job's own runs (no other run of the job goes on: its
     * lock is held), so it never waits on nor drops what another run reads. A failure here only delays the purge.
     */
    private void purgeSupersededRuns(String runId) {
        try {
            RunRecord run = runs.find(runId).orElseThrow();
            if (RunStatus.COMPLETED.is(run.status())) {
                for (RunRecord held : runs.heldBefore(run.jobName(), run.runNo())) {
                    discards.discard(held);
                    log.info(
                            "run {} of job {} was held; run {} completed since, so it is discarded",
                            held.runId(),
                            run.jobName(),
                            runId);
                }
                superseded.drop(run);
            } else {
                superseded.dropUncommitted(run);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "run {}: the customers of earlier runs could not be dropped yet ({}); the next run retries",
                    runId,
                    e.getMessage());
        }
    }

    /** The innermost message of the first failure: what a user needs to see. */
    static @Nullable String failureMessage(JobExecution execution) {
        // a partition's own failure first: its manager step only says that a partition failed
        List<Throwable> failures = new java.util.ArrayList<>();
        execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().contains(":"))
                .forEach(step -> failures.addAll(step.getFailureExceptions()));
        failures.addAll(execution.getAllFailureExceptions());
        if (failures.isEmpty()) {
            return execution.getExitStatus().getExitDescription();
        }
        Throwable cause = failures.get(0);
        String message = cause.getMessage();
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SkipLimitExceededException) {
                return "more rows were rejected than the job's skip_limit allows (last: " + innermost(t)
                        + "); see rejects.csv";
            }
        }
        return innermost(cause) != null ? innermost(cause) : message;
    }

    /**
     * The innermost message, or the message of the wrappers right around it that repeat it and say more: {@code
     * b.csv.gz: read failed (Unexpected end of ZLIB input stream)} rather than the stream's message alone, which
     * names no file.
     */
    private static @Nullable String innermost(Throwable t) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable at = t; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (at.getMessage() != null) {
                messages.add(at.getMessage());
            }
        }
        if (messages.isEmpty()) {
            return null;
        }
        String message = messages.get(messages.size() - 1);
        for (int i = messages.size() - 2; i >= 0 && messages.get(i).contains(message); i--) {
            message = messages.get(i);
        }
        return message;
    }
}
