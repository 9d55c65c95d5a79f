package io.segmentbatch.job;

import io.segmentbatch.destination.Destinations;
import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.store.JobLocks;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;

/**
 * What an operator decides about a run that tripped a guard ({@code HELD}): {@link #approve} commits it as if it had
 * completed, with its events and its destinations' deliveries, and discards the job's other held runs (they were
 * compared with the baseline it replaces); {@link #discard} drops it. Both hold the job's lock, so no run of the job
 * goes on meanwhile, and refuse a held run that a later completed run has superseded (only discarding it is left).
 */
@Service
public class HeldRuns {
    private static final Logger log = LoggerFactory.getLogger(HeldRuns.class);

    private final Runs runs;
    private final RunContexts contexts;
    private final RunCommitter committer;
    private final JobLocks locks;
    private final TransactionTemplate transaction;
    private final Destinations destinations;
    private final SupersededRuns superseded;
    private final HeldRunDiscards discards;
    private final ApplicationEventPublisher events;
    private final ActiveRuns active;

    HeldRuns(
            Runs runs,
            RunContexts contexts,
            RunCommitter committer,
            JobLocks locks,
            PlatformTransactionManager transactions,
            Destinations destinations,
            SupersededRuns superseded,
            HeldRunDiscards discards,
            ApplicationEventPublisher events,
            ActiveRuns active) {
        this.active = active;
        this.discards = discards;
        this.events = events;
        this.superseded = superseded;
        this.destinations = destinations;
        this.runs = runs;
        this.contexts = contexts;
        this.committer = committer;
        this.locks = locks;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * When a held run ended, which approving or discarding it keeps: its duration is the run's, not the time it
     * waited (now for a report that does not say).
     */
    static Instant ended(JobReport held) {
        String finished = held.job().finishedAt();
        return finished == null ? Instant.now() : Instant.parse(finished);
    }

    /** Commits a held run: its memberships become current and its events go out. */
    public RunOutcome approve(String runId) {
        try (JobLocks.Held lock = lock(held(runId))) {
            // HELD again under the lock: an approve or discard that went first has settled it meanwhile
            RunRecord run = held(runId);
            if (runs.lastCompletedBefore(run.jobName(), Long.MAX_VALUE)
                    .filter(last -> last.runNo() > run.runNo())
                    .isPresent()) {
                throw new InvalidRunRequestException("a later run of job " + run.jobName() + " has completed since "
                        + runId + "; its results would replace newer ones. Discard it with 'segment-batch discard "
                        + runId + "'");
            }
            RunContext context = contexts.load(runId);
            JobReport published = ReportFiles.readReport(run.reportJson());
            JobReport report = transaction.execute(status -> committer.commit(context, published, ended(published)));
            log.info(
                    "run {} of job {} approved: its memberships are current and its events go out",
                    runId,
                    run.jobName());
            // every other held run of the job was compared with the baseline this one has just replaced: approved
            // after it, it would send the changes since that baseline again (and miss those since this run)
            for (RunRecord other : runs.heldBefore(run.jobName(), Long.MAX_VALUE)) {
                if (other.runNo() != run.runNo()) {
                    discards.discard(other);
                    log.info(
                            "run {} of job {} was held; run {} was approved since, so it is discarded",
                            other.runId(),
                            run.jobName(),
                            runId);
                }
            }
            superseded.drop(run);
            events.publishEvent(new HeldRunSettled(runId, run.jobName(), RunStatus.COMPLETED.name()));
            destinations.afterCommit(runId);
            return new RunOutcome(runId, RunStatus.COMPLETED.name(), run.runFolder(), report);
        }
    }

    /** Drops a held run: its customers and events are deleted; it stays listed as {@code DISCARDED}. */
    public RunOutcome discard(String runId) {
        try (JobLocks.Held lock = lock(held(runId))) {
            RunRecord run = held(runId);
            JobReport report = discards.discard(run);
            log.info("run {} of job {} discarded", runId, run.jobName());
            return new RunOutcome(runId, RunStatus.DISCARDED.name(), run.runFolder(), report);
        }
    }

    private RunRecord held(String runId) {
        RunRecord run = runs.find(runId).orElseThrow(() -> new InvalidRunRequestException("no run " + runId));
        if (!RunStatus.HELD.is(run.status())) {
            throw new InvalidRunRequestException("run " + runId + " is " + run.status() + ", not HELD: only a held run"
                    + " can be approved or discarded");
        }
        return run;
    }

    /**
     * The job's slot in this process (so that a launch here meanwhile says why it is refused) and its lock in the
     * database, held until closed; refused while a run of the job goes, here or in another process.
     */
    private JobLocks.Held lock(RunRecord run) {
        String job = run.jobName();
        active.enterToSettle(job, run.runId());
        try {
            JobLocks.Held lock = locks.tryLock(job).orElseThrow(() -> JobBusyException.elsewhere(job));
            return () -> {
                try {
                    lock.close();
                } finally {
                    active.leave(job);
                }
            };
        } catch (RuntimeException e) {
            active.leave(job);
            throw e;
        }
    }
}
