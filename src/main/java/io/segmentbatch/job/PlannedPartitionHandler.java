package io.segmentbatch.job;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.TaskExecutor;

import java.util.Set;

/**
 * Runs a run's partitions on this machine's threads, as Spring Batch's handler does, after planning every one of
 * them in the run's progress: with more partitions than threads, the total would otherwise grow as each waiting
 * partition starts. On a restart only the partitions left to read are planned, so the share done is of what is left.
 */
final class PlannedPartitionHandler extends TaskExecutorPartitionHandler {
    private final RunProgressBoard progress;

    PlannedPartitionHandler(Step step, TaskExecutor executor, int gridSize, RunProgressBoard progress) {
        this.progress = progress;
        setStep(step);
        setTaskExecutor(executor);
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        RunProgress run =
                progress.of(manager.getJobExecution().getJobParameters().getString(SegmentationJobConfig.RUN_ID));
        for (StepExecution partition : partitions) {
            run.part(partition.getId(), ExportPartitioner.bytes(partition.getExecutionContext()));
        }
        return super.doHandle(manager, partitions);
    }
}
