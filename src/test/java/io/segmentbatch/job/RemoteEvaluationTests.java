package io.segmentbatch.job;

import io.segmentbatch.customer.ExportFormat;
import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.filter.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The manager's view of its workers' progress, which it reads from the job repository. */
class RemoteEvaluationTests {
    private static final String EXPORT = "id,name\n" + "cust_1,Ann\n".repeat(300_000);

    @TempDir
    Path folder;

    @Test
    void aPartitionGoingIsAsFarAsItsWorkerHadReadAtItsLastCommit() throws IOException {
        Path file = Files.writeString(folder.resolve("customers.csv"), EXPORT);
        StepExecution partition = partition(file, BatchStatus.STARTED);
        assertThat(RemoteEvaluation.bytesDone(partition))
                .as("before its first commit")
                .isZero();

        CustomerItemReader reader = new CustomerItemReader(
                new ExportReader(file, ExportFormat.standard(), key -> FieldType.UNTYPED, ZoneOffset.UTC, 0, 1, -1),
                new RunProgress().part(partition.getId(), Files.size(file)));
        reader.open(partition.getExecutionContext());
        for (int i = 0; i < 10; i++) {
            reader.read();
        }
        reader.update(partition.getExecutionContext());
        long early = RemoteEvaluation.bytesDone(partition);
        assertThat(early).isPositive().isLessThan(Files.size(file));

        while (reader.read() != null) {
            // to the end
        }
        reader.update(partition.getExecutionContext());
        reader.close();
        assertThat(RemoteEvaluation.bytesDone(partition)).isEqualTo(Files.size(file));
    }

    @Test
    void aCompletedPartitionIsAllOfItsBytes() throws IOException {
        Path file = Files.writeString(folder.resolve("customers.csv"), EXPORT);
        assertThat(RemoteEvaluation.bytesDone(partition(file, BatchStatus.COMPLETED)))
                .isEqualTo(Files.size(file));
    }

    private static StepExecution partition(Path file, BatchStatus status) {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "segmentation"), new JobParameters());
        StepExecution partition = new StepExecution(2L, "evaluate-partition:file0000-part0000", job);
        ExecutionContext context = partition.getExecutionContext();
        context.putString(ExportPartitioner.FILE, file.toString());
        context.putLong(ExportPartitioner.START, 0);
        context.putLong(ExportPartitioner.END, -1);
        partition.setStatus(status);
        return partition;
    }
}
