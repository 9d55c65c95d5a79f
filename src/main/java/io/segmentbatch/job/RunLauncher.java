package io.segmentbatch.job;

import io.segmentbatch.json.Json;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.segment.SegmentLimits;
import io.segmentbatch.store.JobLocks;
import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.SegmentCatalog;
import io.segmentbatch.store.UntakenPartitions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way runs start: every trigger (command line, cron, inbox, REST) comes through here, and only this
 * class calls {@link JobOperator}. Each run is a new job instance identified by its run ID (no incrementer).
 * At most one run of a job goes at a time, in this process and in every other one on the same database (the job's
 * lock in the database, {@link JobLocks}): a {@link Launch} refuses with {@link JobBusyException}, or waits its turn
 * if it says so. Every start goes one way ({@code begin}): take the job, create the run or check that it may restart,
 * then run it in this thread ({@link #run(Launch)}) or in the background ({@link #launch(Launch)}).
 */
@Service
public class RunLauncher {
    /** {@code segment-batch.partition-size} when none is set. */
    static final String DEFAULT_PARTITION_SIZE = "64MB";

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job segmentationJob;
    private final Runs runs;
    private final SegmentCatalog catalog;
    private final RunCustomers customers;
    private final ActiveRuns active;
    private final JobLocks locks;
    private final UntakenPartitions partitions;
    private final NotCompletedRuns notCompleted;

    private final org.springframework.util.unit.DataSize partitionSize;

    RunLauncher(
            JobOperator operator,
            JobRepository repository,
            Job segmentationJob,
            Runs runs,
            SegmentCatalog catalog,
            RunCustomers customers,
            ActiveRuns active,
            JobLocks locks,
            UntakenPartitions partitions,
            NotCompletedRuns notCompleted,
            @org.springframework.beans.factory.annotation.Value(
                            "${segment-batch.partition-size:" + DEFAULT_PARTITION_SIZE + "}")
                    org.springframework.util.unit.DataSize partitionSize) {
        this.partitionSize = partitionSize;
        this.partitions = partitions;
        this.notCompleted = notCompleted;
        this.customers = customers;
        this.locks = locks;
        this.operator = operator;
        this.repository = repository;
        this.segmentationJob = segmentationJob;
        this.runs = runs;
        this.catalog = catalog;
        this.active = active;
    }

    /**
     * Starts what {@code launch} asks for and runs it to the end, in this thread; says how it ended. A launch that
     * cannot start (no input, a run that cannot restart, the job busy and the launch not waiting) throws.
     *
     * @throws InterruptedException only while a launch {@linkplain Launch#waitingWhenBusy() waiting} its turn waits
     */
    public RunOutcome run(Launch launch) throws InterruptedException {
        Started started = begin(launch);
        return guarded(started.job(), started.lock(), started.work());
    }

    /**
     * Starts what {@code launch} asks for in the background and returns once the run's {@code sb_run} row exists. A
     * launch that cannot start throws here, before anything runs. It never waits: a busy job refuses.
     */
    public LaunchedRun launch(Launch launch) {
        if (launch.whenFree()) {
            throw new IllegalArgumentException("a launch in the background does not wait for the job");
        }
        Started started;
        try {
            started = begin(launch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        background(started.job(), started.lock(), started.work());
        return new LaunchedRun(started.runId(), started.job());
    }

    /** Runs a job once, to the end (refused while the job is busy): {@code run(Launch.of(request))}. */
    public RunOutcome run(RunRequest request) {
        return runNow(Launch.of(request));
    }

    /**
     * Restarts a run that failed or was stopped, to the end (refused while the job is busy):
     * {@code run(Launch.restartOf(runId))}. Steps that completed are not redone, and a half-done step resumes where
     * it committed last. A run left "started" by a process that died is first marked failed
     * ({@link JobOperator#recover}). A run cannot restart once a later run of its job completed, since its results
     * would replace newer ones.
     */
    public RunOutcome restart(String runId) {
        return runNow(Launch.restartOf(runId));
    }

    private RunOutcome runNow(Launch launch) {
        try {
            return run(launch);
        } catch (InterruptedException e) {
            // only a launch waiting when busy waits; this one refuses instead
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Before a new run of a job whose lock this process now holds: a run of it that still shows as going was left by
     * a process that stopped (a command-line run killed, where no {@code serve} starts to mark it), and is marked
     * failed, its folder with it, as {@code serve} marks such runs at start. It stays restartable until the new run
     * completes. A failure here does not keep the new run from starting.
     */
    private void recoverAbandonedRunsOf(String job) {
        try {
            recoverAbandoned(job);
        } catch (RuntimeException e) {
            log.warn(
                    "job {}: runs left going by a stopped process could not be marked failed: {}", job, e.getMessage());
        }
    }

    /** A launch that holds its job and is ready to go: the work runs the job to the end. */
    private record Started(String runId, String job, JobLocks.Held lock, Supplier<RunOutcome> work) {}

    /**
     * The one way in: takes the job (now, or when free), then creates the run or checks that the run may restart.
     * On failure the job is let go and the failure thrown.
     */
    private Started begin(Launch launch) throws InterruptedException {
        RunRequest request = launch.request();
        RunRecord restarted = request != null
                ? null
                : runs.find(Objects.requireNonNull(launch.restartOf()))
                        .orElseThrow(() -> new InvalidRunRequestException("no run " + launch.restartOf()));
        String job = restarted != null
                ? restarted.jobName()
                : Objects.requireNonNull(request).definition().name();
        JobLocks.Held lock = launch.whenFree() ? enterWhenFree(job) : enterNow(job);
        try {
            if (restarted == null) {
                recoverAbandonedRunsOf(job);
                RunRecord run = prepare(Objects.requireNonNull(request));
                return new Started(run.runId(), job, lock, () -> execute(run));
            }
            String runId = restarted.runId();
            JobExecution last = restartable(restarted);
            active.started(job, runId);
            // restarting from now on: a launch's reply and the API say so, not the status it stopped or failed with
            // (its job starts in the background, and only then is it STARTED)
            runs.update(restarted.runNo(), RunStatus.STARTING, null, null);
            return new Started(runId, job, lock, () -> resume(restarted, last));
        } catch (RuntimeException e) {
            lock.close();
            active.leave(job);
            throw e;
        }
    }

    /**
     * Puts the segments of job files in the catalog (with their IDs) before any run, so that the segments API lists
     * them from the start. A run registers its job's segments again when it starts.
     */
    public void registerSegments(List<JobDefinition> jobs) {
        Instant now = Instant.now();
        jobs.forEach(job -> catalog.registerJobSegments(job.name(), job.segments(), now));
    }

    /** The run of this job going in this process, if any. */
    public Optional<String> activeRun(String jobName) {
        return active.activeRun(jobName);
    }

    /**
     * Marks failed every run that the job repository still shows as going but that no thread of this process
     * runs: what a killed process leaves behind. Call at start, when no other process runs jobs on the database.
     * The recovered runs can then be restarted.
     */
    public List<String> recoverAbandonedRuns() {
        return recoverAbandoned(null);
    }

    /**
     * The runs of {@code ownJob} (whose lock this process holds, so that none of them is going anywhere else), or of
     * every job whose lock is free ({@code null}), that the job repository still shows as going but that no thread
     * of this process runs, marked failed.
     */
    private List<String> recoverAbandoned(@Nullable String ownJob) {
        List<String> recovered = new ArrayList<>();
        Map<Long, JobExecution> candidates = new LinkedHashMap<>();
        for (JobExecution execution : repository.findRunningJobExecutions(SegmentationJobConfig.JOB_NAME)) {
            candidates.put(execution.getId(), execution);
        }
        // a run stopped at shutdown whose step was still going when the shutdown's timeout ran out: Spring Batch's
        // stop gave its job execution STOPPED and an end time (so it is not among the running ones above), and its
        // step stays STARTED with nobody to end it
        for (RunRecord run : runs.going()) {
            if (ownJob != null && !ownJob.equals(run.jobName())) {
                continue;
            }
            JobExecution last = lastExecution(run.runId());
            if (last != null && abandoned(last)) {
                candidates.putIfAbsent(last.getId(), last);
            }
        }
        for (JobExecution execution : candidates.values()) {
            String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
            if (runId == null || active.activeRunIds().contains(runId)) {
                continue;
            }
            var record = runs.find(runId);
            if (ownJob != null) {
                if (record.isEmpty() || !ownJob.equals(record.get().jobName())) {
                    continue;
                }
            } else if (record.isPresent() && locks.isLocked(record.get().jobName())) {
                log.info("run {} is going on in another process; left as it is", runId);
                continue;
            }
            var leftAs = execution.getStatus();
            recover(execution);
            if (record.isPresent()
                    && !RunStatus.STARTING.is(record.get().status())
                    && !RunStatus.STARTED.is(record.get().status())) {
                // killed after its commit step committed (COMPLETED, HELD or PREVIEW) but before Spring Batch ended the
                // job: the run's outcome stands, and only the job repository is set right
                log.info(
                        "run {} had ended {} before its process stopped; its job execution is marked failed, the run"
                                + " stays as it ended",
                        runId,
                        record.get().status());
                continue;
            }
            notCompleted.markAbandoned(runId);
            log.warn(
                    "run {} was left {} by a process that stopped; marked failed (restart it to resume from its last commit)",
                    runId,
                    leftAs);
            recovered.add(runId);
        }
        return recovered;
    }

    /**
     * Shutdown: starts no new run, asks every run going to stop at its next commit (it ends STOPPED and can be
     * restarted), and waits for them up to the timeout.
     */
    public void stopActiveRuns(Duration timeout) {
        active.close();
        for (String runId : active.activeRunIds()) {
            JobExecution execution = lastExecution(runId);
            if (execution != null && execution.isRunning()) {
                // the stop looks the run's steps up in the job, and the evaluate step is a bean of the job's scope:
                // this thread joins the run's job context for it, or the lookup fails after the stop was recorded
                org.springframework.batch.core.scope.context.JobSynchronizationManager.register(execution);
                try {
                    operator.stop(execution);
                    log.info("run {}: stopping at its next commit (shutdown)", runId);
                } catch (JobExecutionNotRunningException e) {
                    log.debug("run {} had already ended", runId);
                } catch (RuntimeException e) {
                    log.warn("run {}: could not be stopped: {}", runId, e.getMessage());
                } finally {
                    org.springframework.batch.core.scope.context.JobSynchronizationManager.release();
                }
            }
        }
        try {
            if (!active.awaitIdle(timeout)) {
                log.warn(
                        "runs {} still going after {}; the next start marks them failed",
                        active.activeRunIds(),
                        timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A job file checks its own segments against the catalog's limit when it is loaded; the API's filter segments that
     * a run of it would evaluate too are only known here. Over the limit, the run is refused before it starts (it
     * would otherwise fail while evaluating, as a run holds at most 128 segments).
     */
    private void checkSegmentsWithTheApis(JobDefinition definition, Instant now) {
        int own = definition.filterSegments().size();
        int api = catalog.apiSegmentsForRun(definition.name(), definition.apiSegments(), now)
                .size();
        if (own > 0 && api > 0 && !SegmentLimits.filterSegmentsFit(own + api)) {
            throw new InvalidRunRequestException("job " + definition.name() + " has " + own
                    + " auto-update and passive segments and the API " + api + " more for it: "
                    + (own + api) + " together, where the catalog holds at most " + SegmentLimits.MAX_FILTER_SEGMENTS
                    + " (Voucherify's cap). Delete some (DELETE /v1/segments/{id}, or from the job file)");
        }
    }

    private RunRecord prepare(RunRequest request) {
        JobDefinition definition = request.definition();
        OutputFolder.checkWritable(request.outputRoot());
        // kept absolute, as the run's folder is: its restart may come from another working directory (serve's, over
        // REST), where relative paths would name other files
        List<Path> files =
                InputFiles.resolve(request.input() != null ? request.input() : definition.inputPath()).stream()
                        .map(file -> file.toAbsolutePath().normalize())
                        .toList();
        Instant now = Instant.now();
        checkSegmentsWithTheApis(definition, now);
        catalog.registerJobSegments(definition.name(), definition.segments(), now);
        String definitionJson = Json.MAPPER.writeValueAsString(definition.source());
        RunRecord run = runs.create(
                Runs.newRunId(now),
                definition.name(),
                request.trigger(),
                definitionJson,
                files.stream().map(Path::toString).toList(),
                request.outputRoot().toAbsolutePath().normalize(),
                request.asOf() != null ? request.asOf() : now,
                now);
        customers.create(run.runNo());
        runs.stampInputs(
                run.runNo(),
                files.stream()
                        .map(file -> io.segmentbatch.customer.FileStamp.of(file).text())
                        .toList());
        active.started(definition.name(), run.runId());
        return run;
    }

    private RunOutcome execute(RunRecord run) {
        log.info(
                "run {} of job {} started: trigger={} input={} as_of={}",
                run.runId(),
                run.jobName(),
                run.trigger().json(),
                run.inputFiles(),
                run.asOf());
        try {
            JobExecution execution;
            try (RunLogContext ignored = RunLogContext.of(run.jobName(), run.runId())) {
                execution = operator.start(segmentationJob, startParameters(run.runId()));
            }
            return outcome(run.runId(), execution);
        } catch (Exception e) {
            runs.find(run.runId())
                    .filter(r -> RunStatus.STARTING.is(r.status()))
                    .ifPresent(r -> runs.update(r.runNo(), RunStatus.FAILED, null, Instant.now()));
            throw new IllegalStateException("run " + run.runId() + " could not start: " + e.getMessage(), e);
        }
    }

    private JobExecution restartable(RunRecord run) {
        String runId = run.runId();
        if (RunStatus.COMPLETED.is(run.status())) {
            throw new InvalidRunRequestException("run " + runId + " has already completed");
        }
        if (RunStatus.PREVIEW.is(run.status())) {
            throw new InvalidRunRequestException(
                    "run " + runId + " is a preview: it ran to the end and changed nothing;" + " start a run of job "
                            + run.jobName() + " instead");
        }
        if (RunStatus.HELD.is(run.status())) {
            throw new InvalidRunRequestException(
                    "run " + runId + " is HELD: it ran to the end and tripped a guard; approve or discard it instead");
        }
        if (RunStatus.DISCARDED.is(run.status())) {
            throw new InvalidRunRequestException("run " + runId + " is DISCARDED: it was held, then discarded, and"
                    + " nothing of it became current; start a new run of job " + run.jobName() + " instead");
        }
        List<RunRecord> later = runs.ofJob(run.jobName(), 1000).stream()
                .filter(other -> other.runNo() > run.runNo())
                .toList();
        if (later.stream().anyMatch(other -> RunStatus.COMPLETED.is(other.status()))) {
            throw new InvalidRunRequestException("a later run of job " + run.jobName() + " has completed since " + runId
                    + "; start a new run instead");
        }
        // a later held run was compared with the baseline this run would replace: approved after it, it would send
        // the changes since that baseline again
        Optional<RunRecord> heldSince = later.stream()
                .filter(other -> RunStatus.HELD.is(other.status()))
                .findFirst();
        if (heldSince.isPresent()) {
            String heldId = heldSince.get().runId();
            throw new InvalidRunRequestException("a later run of job " + run.jobName() + ", " + heldId
                    + ", is held; discard it first to restart " + runId + " (segment-batch discard " + heldId
                    + "), or approve it and start a new run instead");
        }
        JobExecution last = lastExecution(runId);
        if (last == null) {
            throw new InvalidRunRequestException("run " + runId + " never started; start a new run instead");
        }
        checkInputUnchanged(run);
        if (abandoned(last)) {
            log.info("run {} was left {} by a process that stopped; marking it failed", runId, last.getStatus());
            last = recover(last);
        }
        return last;
    }

    /**
     * A restart reads on where the run stopped; if an input file changed since the run started, the rows read before
     * and after would come from two different files, and the report and rejects would describe neither. Refused.
     */
    private void checkInputUnchanged(RunRecord run) {
        List<String> stamps = runs.inputStamps(run.runNo());
        for (int i = 0; i < stamps.size() && i < run.inputFiles().size(); i++) {
            Path file = Path.of(run.inputFiles().get(i));
            String now;
            try {
                now = io.segmentbatch.customer.FileStamp.of(file).text();
            } catch (RuntimeException e) {
                now = "gone";
            }
            if (now.equals("gone") && !file.isAbsolute()) {
                // a run of an earlier version kept the path as given
                throw new InvalidRunRequestException("run " + run.runId() + " cannot restart here: its input " + file
                        + " is read from the working directory, and there is no such file in "
                        + Path.of("").toAbsolutePath() + "; restart it from the folder it started in");
            }
            if (!now.equals(stamps.get(i))) {
                throw new InvalidRunRequestException("run " + run.runId() + " cannot restart: its input " + file
                        + " changed since the run started (size:modified was " + stamps.get(i) + ", now " + now
                        + "); a restart would mix two files. Start a new run on the new file instead");
            }
        }
    }

    private RunOutcome resume(RunRecord run, JobExecution last) {
        String runId = run.runId();
        log.info("run {} restarting from its last commit", runId);
        try {
            JobExecution execution;
            try (RunLogContext ignored = RunLogContext.of(run.jobName(), runId)) {
                execution = operator.restart(last);
            }
            return outcome(runId, execution);
        } catch (Exception e) {
            // it never started: FAILED, its report kept, and it may be restarted again
            runs.find(runId)
                    .filter(r -> RunStatus.STARTING.is(r.status()))
                    .ifPresent(r -> runs.update(r.runNo(), RunStatus.FAILED, null, Instant.now()));
            throw new IllegalStateException("run " + runId + " could not restart: " + e.getMessage(), e);
        }
    }

    /**
     * Marks an execution that a dead process left running failed. The workers of a remote run whose manager died go on
     * committing their partitions, each commit a newer version of its row: the steps still going are ended first, in
     * one statement that wins over those commits ({@link UntakenPartitions#failGoing}; a worker's next commit then
     * rolls back), then the job execution through Spring Batch. The database can still apply the dead process's last
     * commit (a COMMIT it had sent): when one lands between reading the execution and marking it, Spring Batch refuses
     * the stale version, and the execution is read again.
     */
    private JobExecution recover(JobExecution execution) {
        if (partitions.failGoing(execution.getId(), ABANDONED) > 0) {
            JobExecution fresh = repository.getJobExecution(execution.getId());
            execution = fresh != null ? fresh : execution;
        }
        JobExecution current = execution;
        for (int attempt = 1; ; attempt++) {
            try {
                return operator.recover(current);
            } catch (OptimisticLockingFailureException e) {
                if (attempt == RECOVER_ATTEMPTS) {
                    throw e;
                }
                log.info(
                        "job execution {} changed while it was being recovered (a commit of the process that ran it,"
                                + " or of a worker); read again",
                        execution.getId());
                JobExecution fresh = repository.getJobExecution(execution.getId());
                current = fresh != null ? fresh : current;
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Whether an execution is left going: the job execution itself, or one of its steps (a stop that timed out
     * leaves the job execution STOPPED and the step STARTED). Only for a run no process runs (its job's lock free).
     */
    private static boolean abandoned(JobExecution execution) {
        return execution.isRunning()
                || execution.getStepExecutions().stream()
                        .anyMatch(step -> step.getStatus().isRunning());
    }

    /** The exit description of a step that a restart found going and ended FAILED. */
    static final String ABANDONED = "abandoned: the process that ran it stopped; ended by a restart of the run";

    /** Reads of an execution being recovered, at most, while commits keep changing it. */
    private static final int RECOVER_ATTEMPTS = 20;

    private @Nullable JobExecution lastExecution(String runId) {
        return RunQueries.lastExecution(repository, runId);
    }

    /** Takes the job's slot in this process and its lock in the database, or refuses. */
    private JobLocks.Held enterNow(String job) {
        active.enterNow(job);
        try {
            return locks.tryLock(job).orElseThrow(() -> JobBusyException.elsewhere(job));
        } catch (RuntimeException e) {
            active.leave(job);
            throw e;
        }
    }

    /** Waits for the job's slot in this process, then for its lock (a run in another process holds it meanwhile). */
    private JobLocks.Held enterWhenFree(String job) throws InterruptedException {
        active.enterWhenFree(job);
        try {
            while (true) {
                var lock = locks.tryLock(job);
                if (lock.isPresent()) {
                    return lock.get();
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException | RuntimeException e) {
            active.leave(job);
            throw e;
        }
    }

    private <T> T guarded(String job, JobLocks.Held lock, Supplier<T> work) {
        try {
            return work.get();
        } finally {
            lock.close();
            active.leave(job);
        }
    }

    private void background(String job, JobLocks.Held lock, Supplier<RunOutcome> work) {
        active.submit(() -> guarded(job, lock, () -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                log.error("{}", e.getMessage(), e);
                throw e;
            }
        }));
    }

    /**
     * The run's parameters as it starts: its ID, and how large its input's partitions are (not identifying, kept
     * with the run so that a restart, even with other settings, cuts the input the same way).
     */
    private JobParameters startParameters(String runId) {
        return new JobParametersBuilder(parameters(runId))
                .addLong(SegmentationJobConfig.PARTITION_SIZE, partitionSize.toBytes(), false)
                .toJobParameters();
    }

    private static JobParameters parameters(String runId) {
        return new JobParametersBuilder()
                .addString(SegmentationJobConfig.RUN_ID, runId, true)
                .toJobParameters();
    }

    private RunOutcome outcome(String runId, JobExecution execution) {
        RunRecord run = runs.find(runId).orElseThrow();
        var report = run.reportJson() == null ? null : ReportFiles.readReport(run.reportJson());
        log.info(
                "run {} of job {} ended: status={} trigger={} input={} rows_read={} customers={} rejected={}",
                runId,
                run.jobName(),
                run.status(),
                run.trigger().json(),
                run.inputFiles(),
                report == null ? 0 : report.input().rowsRead(),
                report == null ? 0 : report.input().customers(),
                report == null ? 0 : report.input().rowsRejected());
        return new RunOutcome(runId, run.status(), run.runFolder(), report);
    }
}
