package io.segmentbatch.job;

import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads runs and their progress (for the REST API); starts nothing. */
@Service
public class RunQueries {
    private final Runs runs;
    private final JobRepository repository;

    RunQueries(Runs runs, JobRepository repository) {
        this.runs = runs;
        this.repository = repository;
    }

    public Optional<RunState> find(String runId) {
        return runs.find(runId).map(this::state);
    }

    /** The job's newest run that is not a preview, if it ever ran. */
    public Optional<RunRecord> last(String jobName) {
        return runs.lastRun(jobName);
    }

    /** The IDs of the job's runs held by a guard, waiting to be approved or discarded, oldest first. */
    public List<String> heldRunIds(String jobName) {
        return runs.heldBefore(jobName, Long.MAX_VALUE).stream()
                .map(RunRecord::runId)
                .toList();
    }

    private RunState state(RunRecord run) {
        return new RunState(
                run.runId(),
                run.jobName(),
                run.status(),
                run.trigger(),
                run.inputFiles(),
                run.asOf(),
                run.createdAt(),
                steps(run.runId()),
                run.reportJson() == null ? null : ReportFiles.readReport(run.reportJson()));
    }

    /** The run's last job execution (its job instance is identified by the run ID), or null if it never started. */
    static @Nullable JobExecution lastExecution(JobRepository repository, String runId) {
        JobInstance instance = repository.getJobInstance(
                SegmentationJobConfig.JOB_NAME,
                new JobParametersBuilder()
                        .addString(SegmentationJobConfig.RUN_ID, runId, true)
                        .toJobParameters());
        return instance == null ? null : repository.getLastJobExecution(instance);
    }

    private List<RunState.StepProgress> steps(String runId) {
        JobExecution last = lastExecution(repository, runId);
        if (last == null) {
            return List.of();
        }
        JobExecution full = repository.getJobExecution(last.getId());
        return (full == null ? last : full)
                .getStepExecutions().stream()
                        .sorted(Comparator.comparing(StepExecution::getId))
                        .map(step -> new RunState.StepProgress(
                                step.getStepName(),
                                step.getStatus().name(),
                                step.getReadCount(),
                                step.getWriteCount(),
                                step.getSkipCount(),
                                step.getCommitCount()))
                        .toList();
    }
}
