package io.segmentbatch.job;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.SyncTaskExecutor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlannedPartitionHandlerTests {

    /** Three partitions read one after another, as when a run has more partitions than threads. */
    @Test
    void theTotalIsThePlansFromTheFirstPartitionOnSoTheShareDoneNeverGoesBack() throws Exception {
        RunProgressBoard board = new RunProgressBoard();
        List<RunProgress.Snapshot> seen = new ArrayList<>();
        Step reading = new Step() {
            @Override
            public String getName() {
                return EvaluatePartitionStep.NAME;
            }

            @Override
            public void execute(StepExecution partition) {
                RunProgress run = board.of("run_1");
                RunProgress.Part part =
                        run.part(partition.getId(), ExportPartitioner.bytes(partition.getExecutionContext()));
                seen.add(run.snapshot());
                part.update(ExportPartitioner.bytes(partition.getExecutionContext()), 10);
                seen.add(run.snapshot());
            }
        };
        JobExecution job = new JobExecution(
                1L,
                new JobInstance(1L, "segmentation"),
                new JobParametersBuilder()
                        .addString(SegmentationJobConfig.RUN_ID, "run_1")
                        .toJobParameters());
        StepExecution manager = new StepExecution(2L, "evaluate", job);
        Set<StepExecution> partitions = new LinkedHashSet<>();
        for (int k = 0; k < 3; k++) {
            StepExecution partition = new StepExecution(10L + k, EvaluatePartitionStep.NAME + ":part" + k, job);
            partition.getExecutionContext().putString(ExportPartitioner.FILE, "customers.csv");
            partition.getExecutionContext().putLong(ExportPartitioner.START, 1000L * k);
            partition.getExecutionContext().putLong(ExportPartitioner.END, 1000L * (k + 1));
            partitions.add(partition);
        }

        new PlannedPartitionHandler(reading, new SyncTaskExecutor(), 1, board).doHandle(manager, partitions);

        assertThat(seen).extracting(RunProgress.Snapshot::totalBytes).containsOnly(3000L);
        assertThat(seen)
                .extracting(RunProgress.Snapshot::share)
                .containsExactly(0.0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1.0);
    }
}
