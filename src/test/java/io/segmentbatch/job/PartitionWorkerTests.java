package io.segmentbatch.job;

import io.segmentbatch.store.UntakenPartitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A worker's side of a run stopped before every partition was taken, on a real job repository (embedded H2 with
 * Spring Batch's schema). The manager's side is in {@link RemotePartitioningIntegrationTests}.
 */
class PartitionWorkerTests {
    private EmbeddedDatabase database;
    private JobRepository repository;
    private UntakenPartitions untaken;
    private final List<String> read = new ArrayList<>();
    private final Step partitionStep = new Step() {
        @Override
        public String getName() {
            return EvaluatePartitionStep.NAME;
        }

        @Override
        public void execute(StepExecution partition) {
            read.add(partition.getStepName());
        }
    };

    @BeforeEach
    void repository() throws Exception {
        database = new EmbeddedDatabaseBuilder()
                .setType(EmbeddedDatabaseType.H2)
                .setName("worker-" + UUID.randomUUID())
                .addScript("org/springframework/batch/core/schema-h2.sql")
                .build();
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(database);
        factory.setTransactionManager(new DataSourceTransactionManager(database));
        factory.afterPropertiesSet();
        repository = factory.getObject();
        untaken = new UntakenPartitions(new JdbcTemplate(database));
    }

    @AfterEach
    void shutDown() {
        database.shutdown();
    }

    @Test
    void aPartitionOfAStoppingRunThatNoWorkerTookIsEndedStoppedUnread() {
        StepExecution partition = partitionOfARun(BatchStatus.STOPPING);

        new PartitionWorker(repository, untaken, partitionStep).handle(request(partition));

        assertThat(read).as("the partition is not read").isEmpty();
        StepExecution stored = repository.getStepExecution(partition.getId());
        assertThat(stored.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stored.getExitStatus().getExitDescription())
                .isEqualTo("the run was stopped before a worker took this partition");
        assertThat(stored.getEndTime()).isNotNull();
    }

    /**
     * The manager saw the partition waiting, and a worker took it before the manager ended it. Spring Batch's own
     * update of the stale copy would succeed here (in a stopping run it takes the row's version) and end the partition
     * under the worker reading it.
     */
    @Test
    void aPartitionTakenMeanwhileIsLeftToItsWorker() {
        StepExecution partition = partitionOfARun(BatchStatus.STOPPING);
        StepExecution stale = repository.getStepExecution(partition.getId());
        StepExecution taken = repository.getStepExecution(partition.getId());
        taken.setStatus(BatchStatus.STARTED);
        repository.update(taken);

        assertThat(PartitionWorker.endUntaken(untaken, stale)).isFalse();

        assertThat(repository.getStepExecution(partition.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
    }

    @Test
    void aPartitionOfARunGoingIsRead() {
        StepExecution partition = partitionOfARun(BatchStatus.STARTED);
        partition.getExecutionContext().putString(ExportPartitioner.FILE, "pom.xml");
        partition.getExecutionContext().putLong(ExportPartitioner.LINE, 1);
        repository.updateExecutionContext(partition);

        new PartitionWorker(repository, untaken, partitionStep).handle(request(partition));

        assertThat(read).containsExactly(partition.getStepName());
    }

    /**
     * A worker on another database than the manager's: the request names a step execution its repository has not
     * got. Spring Batch 6's repository throws for it; the worker drops the request with one line instead of failing
     * the message listener with a stack trace.
     */
    @Test
    void aRequestForAPartitionThisDatabaseHasNotGotIsDropped() {
        new PartitionWorker(repository, untaken, partitionStep)
                .handle(new StepExecutionRequest(EvaluatePartitionStep.NAME + ":part0000", 4_242L));

        assertThat(read).as("nothing is read").isEmpty();
    }

    /**
     * A restart of a run whose manager died ends the partitions still going, whatever their version: the copy a worker
     * still reading one holds is stale from then on, so its next commit cannot land.
     */
    @Test
    void aPartitionEndedByARestartCannotBeCommittedByItsWorker() {
        StepExecution partition = partitionOfARun(BatchStatus.STARTED);
        StepExecution worker = repository.getStepExecution(partition.getId());
        worker.setStatus(BatchStatus.STARTED);
        repository.update(worker); // the worker took it, and goes on committing
        worker.incrementCommitCount();
        repository.update(worker);

        assertThat(untaken.failGoing(partition.getJobExecutionId(), RunLauncher.ABANDONED))
                .isEqualTo(1);

        StepExecution ended = repository.getStepExecution(partition.getId());
        assertThat(ended.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(ended.getExitStatus().getExitDescription()).isEqualTo(RunLauncher.ABANDONED);
        worker.incrementCommitCount();
        assertThatThrownBy(() -> repository.update(worker))
                .as("the worker's next commit")
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(repository.getStepExecution(partition.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
    }

    /** A run whose job execution is in {@code status}, with one partition that no worker has taken (STARTING). */
    private StepExecution partitionOfARun(BatchStatus status) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(SegmentationJobConfig.RUN_ID, "run_1")
                .toJobParameters();
        JobExecution job = repository.createJobExecution(
                repository.createJobInstance("segmentation", parameters), parameters, new ExecutionContext());
        job.setStatus(status);
        repository.update(job);
        StepExecution partition = repository.createStepExecution(EvaluatePartitionStep.NAME + ":part0000", job);
        partition.setStatus(BatchStatus.STARTING);
        repository.update(partition);
        return partition;
    }

    private static StepExecutionRequest request(StepExecution partition) {
        return new StepExecutionRequest(partition.getStepName(), partition.getId());
    }
}
