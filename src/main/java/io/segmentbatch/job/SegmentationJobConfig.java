package io.segmentbatch.job;

import io.segmentbatch.store.Dialect;
import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.Outbox;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.SegmentCatalog;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * The segmentation job: {@code evaluate} (the export read once, in partitions evaluated in parallel, one row per
 * customer stored), {@code dedupe} (a customer ID seen twice), {@code index}, {@code publish} (static segments,
 * events, report) and {@code commit} (the run becomes the baseline). Every run is one job instance, identified by
 * its {@value #RUN_ID} parameter.
 */
@Configuration(proxyBeanMethods = false)
class SegmentationJobConfig {
    static final String JOB_NAME = "segmentation";
    static final String RUN_ID = "run.id";
    /** The bytes per partition of a large plain input file, fixed when the run starts. */
    static final String PARTITION_SIZE = "partition.size";

    private static final String RUN_ID_EXPRESSION = "#{jobParameters['run.id']}";

    @Bean
    Job segmentationJob(
            JobRepository repository,
            Step evaluateStep,
            Step dedupeStep,
            Step indexStep,
            Step publishStep,
            Step commitStep,
            RunStatusListener listener) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(listener)
                .start(evaluateStep)
                .next(dedupeStep)
                .next(indexStep)
                .next(publishStep)
                .next(commitStep)
                .build();
    }

    /**
     * The threads partitions are evaluated on: {@code segment-batch.partition-threads}, or by default (0) one per core,
     * and one more on PostgreSQL. There each chunk's {@code COPY} is a round trip, during which its thread waits
     * while the database parses the rows, and a third thread on two cores keeps them busier. Alternating on the 1M
     * bench (2 cores, a database on the same machine), the evaluate step took a median of 6.44 s with three threads
     * against 6.64 s with two (14 runs each; three was faster in 10 of the 14 pairs), four threads 6.53 to 6.80 s. A
     * database across a network makes each round trip longer. On H2 the threads insert in this process and contend:
     * 9.4 and 10.7 s with three against 9.2 and 9.2 s with two.
     */
    static int partitionThreads(int configured, Dialect dialect) {
        if (configured > 0) {
            return configured;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return dialect == Dialect.POSTGRES ? cores + 1 : cores;
    }

    /** The threads partitions are evaluated on, shared by every run of the process ({@link #partitionThreads}). */
    @Bean
    ThreadPoolTaskExecutor partitionExecutor(
            @Value("${segment-batch.partition-threads:0}") int threads, Dialect dialect) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        int size = partitionThreads(threads, dialect);
        executor.setCorePoolSize(size);
        executor.setMaxPoolSize(size);
        executor.setThreadNamePrefix("evaluate-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        return executor;
    }

    @Bean
    @JobScope
    Step evaluateStep(
            @Value(RUN_ID_EXPRESSION) String runId,
            JobRepository repository,
            RunContexts contexts,
            Step evaluatePartitionStep,
            ThreadPoolTaskExecutor partitionExecutor,
            RunProgressBoard progress,
            RunCustomers customers,
            @Value("#{jobParameters['" + PARTITION_SIZE + "']}") Long partitionSize,
            ObjectProvider<RemoteEvaluation> remote) {
        RunContext run = contexts.load(runId);
        ExportPartitioner partitioner = new ExportPartitioner(
                run,
                partitionSize != null ? partitionSize : DataSize.ofMegabytes(64).toBytes());
        RemoteEvaluation workers = remote.getIfAvailable();
        if (workers != null) {
            return workers.step(partitioner);
        }
        // the keys stored from here on, remembered for the dedupe step (H2); forgotten when the run ends
        // (RunStatusListener), however it ends
        StepExecutionListener watchKeys = new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                customers.watchKeys(run.run().runNo(), run.expectedCustomers());
            }
        };
        return new StepBuilder("evaluate", repository)
                .listener(watchKeys)
                .partitioner(EvaluatePartitionStep.NAME, partitioner)
                .step(evaluatePartitionStep)
                // as many partitions at a time as the executor has threads (the early scan cut for that many too)
                .partitionHandler(new PlannedPartitionHandler(
                        evaluatePartitionStep, partitionExecutor, partitionExecutor.getCorePoolSize(), progress))
                .build();
    }

    /**
     * One partition of the input: the same step whether it runs on a thread here or on a worker machine. Its item
     * and chunk timers ({@code segment-batch.metrics.item-timers}, on by default) cost a fifth of evaluation; a
     * one-shot command turns them off when nothing exports them.
     */
    @Bean
    Step evaluatePartitionStep(
            JobRepository repository,
            PlatformTransactionManager transactions,
            RunContexts contexts,
            RunCustomers customers,
            Rejects rejects,
            RunProgressBoard progress,
            @Value("${segment-batch.chunk-size:5000}") int chunkSize,
            @Value("${segment-batch.metrics.item-timers:true}") boolean itemTimers,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.observation.ObservationRegistry>
                    observations) {
        return new EvaluatePartitionStep(
                repository,
                transactions,
                contexts,
                customers,
                rejects,
                progress,
                chunkSize,
                itemTimers
                        ? observations.getIfAvailable(() -> io.micrometer.observation.ObservationRegistry.NOOP)
                        : io.micrometer.observation.ObservationRegistry.NOOP);
    }

    @Bean
    @JobScope
    Step dedupeStep(
            @Value(RUN_ID_EXPRESSION) String runId,
            JobRepository repository,
            PlatformTransactionManager transactions,
            RunContexts contexts,
            RunCustomers customers,
            Rejects rejects) {
        return new StepBuilder("dedupe", repository)
                .tasklet(new DedupeTasklet(contexts.load(runId), customers, rejects, transactions), transactions)
                .build();
    }

    /** Indexes the run's customers once they are all stored; the store does it outside the step's transaction. */
    @Bean
    @JobScope
    Step indexStep(
            @Value(RUN_ID_EXPRESSION) String runId,
            JobRepository repository,
            PlatformTransactionManager transactions,
            Runs runs,
            RunCustomers customers) {
        long runNo = runs.find(runId).orElseThrow().runNo();
        return new StepBuilder("index", repository)
                .tasklet(
                        (contribution, context) -> {
                            customers.index(runNo);
                            return RepeatStatus.FINISHED;
                        },
                        transactions)
                .build();
    }

    /**
     * Which events go to the outbox ({@code segment-batch.events.outbox}), read when the application starts: a wrong
     * value stops it there, not at a run's publish step after its evaluation.
     */
    @Bean
    OutboxScope outboxScope(@Value("${segment-batch.events.outbox:destinations}") String value) {
        return OutboxScope.of(value);
    }

    @Bean
    @JobScope
    Step publishStep(
            @Value(RUN_ID_EXPRESSION) String runId,
            JobRepository repository,
            PlatformTransactionManager transactions,
            RunContexts contexts,
            SegmentCatalog catalog,
            RunCustomers customers,
            Outbox outbox,
            ReportAssembler reports,
            Runs runs,
            Memberships memberships,
            OutboxScope outboxScope) {
        return new StepBuilder("publish", repository)
                .tasklet(
                        new PublishTasklet(
                                contexts.load(runId),
                                catalog,
                                customers,
                                outbox,
                                outboxScope,
                                reports,
                                runs,
                                memberships),
                        transactions)
                .build();
    }

    @Bean
    @JobScope
    Step commitStep(
            @Value(RUN_ID_EXPRESSION) String runId,
            JobRepository repository,
            PlatformTransactionManager transactions,
            RunContexts contexts,
            Runs runs,
            RunCommitter committer) {
        return new StepBuilder("commit", repository)
                .tasklet(new CommitTasklet(contexts.load(runId), runs, committer), transactions)
                .build();
    }
}
