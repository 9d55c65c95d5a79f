package io.segmentbatch.job;

import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.segment.SegmentCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
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
    private final Job segmentationJob;
    private final Runs runs;
    private final SegmentCatalog catalog;

    RunLauncher(JobOperator operator, Job segmentationJob, Runs runs, SegmentCatalog catalog) {
        this.operator = operator;
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
        log.info("run {} of job {} started: trigger={} input={} as_of={}", run.runId(), definition.name(),
                request.trigger().json(), run.inputFiles(), run.asOf());
        JobParameters parameters = new JobParametersBuilder()
                .addString(SegmentationJobConfig.RUN_ID, run.runId(), true)
                .toJobParameters();
        try {
            JobExecution execution = operator.start(segmentationJob, parameters);
            return outcome(run.runId(), execution);
        } catch (Exception e) {
            throw new IllegalStateException("run " + run.runId() + " could not start: " + e.getMessage(), e);
        }
    }

    private RunOutcome outcome(String runId, JobExecution execution) {
        RunRecord run = runs.find(runId).orElseThrow();
        var report = run.reportJson() == null ? null : ReportFiles.readReport(run.reportJson());
        log.info("run {} of job {} ended: status={} customers={} rejected={}", runId, run.jobName(), run.status(),
                report == null ? 0 : report.input().customers(), report == null ? 0 : report.input().rowsRejected());
        return new RunOutcome(runId, run.status(), run.runFolder(), report);
    }
}
