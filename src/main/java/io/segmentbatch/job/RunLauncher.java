package io.segmentbatch.job;

import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;

import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.JobLocks;
import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.SegmentCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way runs start: every trigger (command line, cron, inbox, REST) comes through here, and only this
 * class calls {@link JobOperator}. Each run is a new job instance identified by its run ID (no incrementer).
 * At most one run of a job goes at a time, in this process and in every other one on the same database (the job's
 * lock in the database, {@link JobLocks}): {@link #launch}, {@link #run} and {@link #restart} refuse with
 * {@link JobBusyException}, {@link #runWhenFree} waits its turn.
 */
@Service
public class RunLauncher {
    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job segmentationJob;
    private final Runs runs;
    private final SegmentCatalog catalog;
    private final RunCustomers customers;
    private final ActiveRuns active;
    private final JobLocks locks;

    private final org.springframework.util.unit.DataSize partitionSize;

    RunLauncher(JobOperator operator, JobRepository repository, Job segmentationJob, Runs runs, SegmentCatalog catalog,
                RunCustomers customers, ActiveRuns active, JobLocks locks,
                @org.springframework.beans.factory.annotation.Value("${segment-batch.partition-size:64MB}")
                org.springframework.util.unit.DataSize partitionSize) {
        this.partitionSize = partitionSize;
        this.customers = customers;
        this.locks = locks;
        this.operator = operator;
        this.repository = repository;
        this.segmentationJob = segmentationJob;
        this.runs = runs;
        this.catalog = catalog;
        this.active = active;
    }

    /** Runs a job once, to the end, and says how it ended. */
    public RunOutcome run(RunRequest request) {
        String job = request.definition().name();
        JobLocks.Held lock = enterNow(job);
        return guarded(job, lock, () -> execute(prepare(request)));
    }

    /** Waits until no run of the job is going, then runs it to the end (the inbox: files wait their turn). */
    public RunOutcome runWhenFree(RunRequest request) throws InterruptedException {
        String job = request.definition().name();
        JobLocks.Held lock = enterWhenFree(job);
        return guarded(job, lock, () -> execute(prepare(request)));
    }

    /**
     * Starts a run in the background and returns once its {@code sb_run} row exists. A request that cannot start
     * (no input, the job already running) throws here, before anything runs.
     */
    public LaunchedRun launch(RunRequest request) {
        String job = request.definition().name();
        JobLocks.Held lock = enterNow(job);
        try {
            RunRecord run = prepare(request);
            active.started(job, run.runId());
            background(job, lock, () -> execute(run));
            return new LaunchedRun(run.runId(), job);
        } catch (RuntimeException e) {
            lock.close();
            active.leave(job);
            throw e;
        }
    }

    /**
     * Restarts a run that failed or was stopped, from its last commit: steps that completed are not redone, and
     * a half-done step resumes where it committed last. A run left "started" by a process that died is first
     * marked failed ({@link JobOperator#recover}). A run cannot restart once a later run of its job completed,
     * since its results would replace newer ones.
     */
    public RunOutcome restart(String runId) {
        RunRecord run = runs.find(runId).orElseThrow(() -> new InvalidRunRequestException("no run " + runId));
        JobLocks.Held lock = enterNow(run.jobName());
        return guarded(run.jobName(), lock, () -> {
            JobExecution last = restartable(run);
            active.started(run.jobName(), runId);
            return resume(runId, last);
        });
    }

    /** {@link #restart}, waiting first until no run of the job is going (the inbox, at start). */
    public RunOutcome restartWhenFree(String runId) throws InterruptedException {
        RunRecord run = runs.find(runId).orElseThrow(() -> new InvalidRunRequestException("no run " + runId));
        JobLocks.Held lock = enterWhenFree(run.jobName());
        return guarded(run.jobName(), lock, () -> {
            JobExecution last = restartable(run);
            active.started(run.jobName(), runId);
            return resume(runId, last);
        });
    }

    /** {@link #restart} in the background; a run that cannot restart throws here. */
    public LaunchedRun launchRestart(String runId) {
        RunRecord run = runs.find(runId).orElseThrow(() -> new InvalidRunRequestException("no run " + runId));
        String job = run.jobName();
        JobLocks.Held lock = enterNow(job);
        try {
            JobExecution last = restartable(run);
            active.started(job, runId);
            background(job, lock, () -> resume(runId, last));
            return new LaunchedRun(runId, job);
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
        List<String> recovered = new ArrayList<>();
        for (JobExecution execution : repository.findRunningJobExecutions(SegmentationJobConfig.JOB_NAME)) {
            String runId = execution.getJobParameters().getString(SegmentationJobConfig.RUN_ID);
            if (runId == null || active.activeRunIds().contains(runId)) {
                continue;
            }
            var record = runs.find(runId);
            if (record.isPresent() && locks.isLocked(record.get().jobName())) {
                log.info("run {} is going on in another process; left as it is", runId);
                continue;
            }
            var leftAs = execution.getStatus();
            operator.recover(execution);
            runs.find(runId).ifPresent(run -> runs.update(run.runNo(), "FAILED", null, Instant.now()));
            log.warn("run {} was left {} by a process that stopped; marked failed (restart it to resume from its last commit)",
                    runId, leftAs);
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
                try {
                    operator.stop(execution);
                    log.info("run {}: stopping at its next commit (shutdown)", runId);
                } catch (JobExecutionNotRunningException e) {
                    log.debug("run {} had already ended", runId);
                } catch (RuntimeException e) {
                    log.warn("run {}: could not be stopped: {}", runId, e.getMessage());
                }
            }
        }
        try {
            if (!active.awaitIdle(timeout)) {
                log.warn("runs {} still going after {}; the next start marks them failed", active.activeRunIds(), timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RunRecord prepare(RunRequest request) {
        JobDefinition definition = request.definition();
        OutputFolder.checkWritable(request.outputRoot());
        List<Path> files = InputFiles.resolve(request.input() != null ? request.input() : definition.inputPath());
        Instant now = Instant.now();
        catalog.registerJobSegments(definition.name(), definition.segments(), now);
        String definitionJson = JsonMapper.builder().build().writeValueAsString(definition.source());
        RunRecord run = runs.create(Runs.newRunId(now), definition.name(), request.trigger(), definitionJson,
                files.stream().map(Path::toString).toList(), request.outputRoot(), request.asOf(), now);
        customers.create(run.runNo());
        runs.stampInputs(run.runNo(), files.stream().map(file -> io.segmentbatch.customer.FileStamp.of(file).text()).toList());
        active.started(definition.name(), run.runId());
        return run;
    }

    private RunOutcome execute(RunRecord run) {
        log.info("run {} of job {} started: trigger={} input={} as_of={}", run.runId(), run.jobName(),
                run.trigger().json(), run.inputFiles(), run.asOf());
        try {
            return outcome(run.runId(), operator.start(segmentationJob, startParameters(run.runId())));
        } catch (Exception e) {
            runs.find(run.runId()).filter(r -> "STARTING".equals(r.status()))
                    .ifPresent(r -> runs.update(r.runNo(), "FAILED", null, Instant.now()));
            throw new IllegalStateException("run " + run.runId() + " could not start: " + e.getMessage(), e);
        }
    }

    private JobExecution restartable(RunRecord run) {
        String runId = run.runId();
        if ("COMPLETED".equals(run.status())) {
            throw new InvalidRunRequestException("run " + runId + " has already completed");
        }
        if ("HELD".equals(run.status()) || "DISCARDED".equals(run.status())) {
            throw new InvalidRunRequestException("run " + runId + " is " + run.status() + ": it ran to the end and tripped a"
                    + " guard; approve or discard it instead");
        }
        boolean superseded = runs.ofJob(run.jobName(), 1000).stream()
                .anyMatch(other -> other.runNo() > run.runNo() && "COMPLETED".equals(other.status()));
        if (superseded) {
            throw new InvalidRunRequestException("a later run of job " + run.jobName() + " has completed since "
                    + runId + "; start a new run instead");
        }
        JobExecution last = lastExecution(runId);
        if (last == null) {
            throw new InvalidRunRequestException("run " + runId + " never started; start a new run instead");
        }
        checkInputUnchanged(run);
        if (last.isRunning()) {
            log.info("run {} was left {} by a process that stopped; marking it failed", runId, last.getStatus());
            last = operator.recover(last);
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
            if (!now.equals(stamps.get(i))) {
                throw new InvalidRunRequestException("run " + run.runId() + " cannot restart: its input " + file
                        + " changed since the run started (size:modified was " + stamps.get(i) + ", now " + now
                        + "); a restart would mix two files. Start a new run on the new file instead");
            }
        }
    }

    private RunOutcome resume(String runId, JobExecution last) {
        log.info("run {} restarting from its last commit", runId);
        try {
            return outcome(runId, operator.restart(last));
        } catch (Exception e) {
            throw new IllegalStateException("run " + runId + " could not restart: " + e.getMessage(), e);
        }
    }

    private @Nullable JobExecution lastExecution(String runId) {
        JobInstance instance = repository.getJobInstance(SegmentationJobConfig.JOB_NAME, parameters(runId));
        return instance == null ? null : repository.getLastJobExecution(instance);
    }

    /** Takes the job's slot in this process and its lock in the database, or refuses. */
    private JobLocks.Held enterNow(String job) {
        active.enterNow(job);
        try {
            return locks.tryLock(job).orElseThrow(() -> new JobBusyException(job, null));
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
                .addLong(SegmentationJobConfig.PARTITION_SIZE, partitionSize.toBytes(), false).toJobParameters();
    }

    private static JobParameters parameters(String runId) {
        return new JobParametersBuilder().addString(SegmentationJobConfig.RUN_ID, runId, true).toJobParameters();
    }

    private RunOutcome outcome(String runId, JobExecution execution) {
        RunRecord run = runs.find(runId).orElseThrow();
        var report = run.reportJson() == null ? null : ReportFiles.readReport(run.reportJson());
        log.info("run {} of job {} ended: status={} trigger={} input={} rows_read={} customers={} rejected={}", runId,
                run.jobName(), run.status(), run.trigger().json(), run.inputFiles(),
                report == null ? 0 : report.input().rowsRead(), report == null ? 0 : report.input().customers(),
                report == null ? 0 : report.input().rowsRejected());
        return new RunOutcome(runId, run.status(), run.runFolder(), report);
    }
}
