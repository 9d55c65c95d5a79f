package io.segmentbatch.job;

import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.segment.MembershipStore;
import io.segmentbatch.segment.SegmentCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The one way runs start: every trigger (command line, cron, inbox, REST) comes through here, and only this
 * class calls {@link JobOperator}. Each run is a new job instance identified by its run ID (no incrementer).
 */
@Service
public class RunLauncher {
    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job segmentationJob;
    private final Runs runs;
    private final SegmentCatalog catalog;
    private final MembershipStore store;

    RunLauncher(JobOperator operator, JobRepository repository, Job segmentationJob, Runs runs, SegmentCatalog catalog,
                MembershipStore store) {
        this.store = store;
        this.operator = operator;
        this.repository = repository;
        this.segmentationJob = segmentationJob;
        this.runs = runs;
        this.catalog = catalog;
    }

    /** Runs a job once, to the end, and says how it ended. */
    public RunOutcome run(RunRequest request) {
        JobDefinition definition = request.definition();
        List<Path> files = InputFiles.resolve(request.input() != null ? request.input() : definition.inputPath());
        Instant now = Instant.now();
        catalog.registerJobSegments(definition.name(), definition.segments(), now);
        String definitionJson = JsonMapper.builder().build().writeValueAsString(definition.source());
        RunRecord run = runs.create(Runs.newRunId(now), definition.name(), request.trigger(), definitionJson,
                files.stream().map(Path::toString).toList(), request.outputRoot(), request.asOf(), now);
        store.prepareRun(run.runNo());
        log.info("run {} of job {} started: trigger={} input={} as_of={}", run.runId(), definition.name(),
                request.trigger().json(), run.inputFiles(), run.asOf());
        try {
            JobExecution execution = operator.start(segmentationJob, parameters(run.runId()));
            return outcome(run.runId(), execution);
        } catch (Exception e) {
            throw new IllegalStateException("run " + run.runId() + " could not start: " + e.getMessage(), e);
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
        if ("COMPLETED".equals(run.status())) {
            throw new InvalidRunRequestException("run " + runId + " has already completed");
        }
        boolean superseded = runs.ofJob(run.jobName(), 1000).stream()
                .anyMatch(other -> other.runNo() > run.runNo() && "COMPLETED".equals(other.status()));
        if (superseded) {
            throw new InvalidRunRequestException("a later run of job " + run.jobName() + " has completed since "
                    + runId + "; start a new run instead");
        }
        JobParameters parameters = parameters(runId);
        JobInstance instance = repository.getJobInstance(SegmentationJobConfig.JOB_NAME, parameters);
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        if (last == null) {
            throw new InvalidRunRequestException("run " + runId + " never started; start a new run instead");
        }
        if (last.isRunning()) {
            log.info("run {} was left {} by a process that stopped; marking it failed", runId, last.getStatus());
            last = operator.recover(last);
        }
        log.info("run {} of job {} restarting from its last commit", runId, run.jobName());
        try {
            return outcome(runId, operator.restart(last));
        } catch (Exception e) {
            throw new IllegalStateException("run " + runId + " could not restart: " + e.getMessage(), e);
        }
    }

    private static JobParameters parameters(String runId) {
        return new JobParametersBuilder().addString(SegmentationJobConfig.RUN_ID, runId, true).toJobParameters();
    }

    private RunOutcome outcome(String runId, JobExecution execution) {
        RunRecord run = runs.find(runId).orElseThrow();
        var report = run.reportJson() == null ? null : ReportFiles.readReport(run.reportJson());
        log.info("run {} of job {} ended: status={} customers={} rejected={}", runId, run.jobName(), run.status(),
                report == null ? 0 : report.input().customers(), report == null ? 0 : report.input().rowsRejected());
        return new RunOutcome(runId, run.status(), run.runFolder(), report);
    }
}
