package io.segmentbatch.job;

import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.RunCustomers;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.util.List;

/**
 * The worker step of {@code evaluate}: one partition of the input, read, evaluated and stored in chunks ({@link
 * EvaluateChunk}, one per transaction of a tasklet step), bad rows skipped to the rejects. Partitions run at the same time on several threads (or machines), so each execution
 * builds a step of its own, with a reader and an evaluator made from the partition's execution context and
 * the run's row: nothing is shared between partitions but the store.
 */
class EvaluatePartitionStep implements Step {
    static final String NAME = "evaluate-partition";

    private final JobRepository repository;
    private final PlatformTransactionManager transactions;
    private final RunContexts contexts;
    private final RunCustomers customers;
    private final Rejects rejects;
    private final RunProgressBoard progress;
    private final int chunkSize;
    private final io.micrometer.observation.ObservationRegistry observations;

    EvaluatePartitionStep(
            JobRepository repository,
            PlatformTransactionManager transactions,
            RunContexts contexts,
            RunCustomers customers,
            Rejects rejects,
            RunProgressBoard progress,
            int chunkSize,
            io.micrometer.observation.ObservationRegistry observations) {
        this.observations = observations;
        this.repository = repository;
        this.transactions = transactions;
        this.contexts = contexts;
        this.customers = customers;
        this.rejects = rejects;
        this.progress = progress;
        this.chunkSize = chunkSize;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void execute(StepExecution execution) throws JobInterruptedException {
        String runId = execution.getJobExecution().getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        RunContext run = contexts.load(runId);
        JobDefinition definition = run.definition();
        long runNo = run.run().runNo();
        var partition = execution.getExecutionContext();
        Path file = Path.of(partition.getString(ExportPartitioner.FILE));
        int fileNo = partition.getInt(ExportPartitioner.FILE_NO);
        ExportReader export = new ExportReader(
                file,
                definition.format(),
                definition.metadataTypes(),
                definition.timezone(),
                partition.getLong(ExportPartitioner.START),
                partition.getLong(ExportPartitioner.LINE),
                partition.getLong(ExportPartitioner.END));
        List<String> stamps = contexts.inputStamps(run);
        export.asWhenTheRunStarted(fileNo < stamps.size() ? stamps.get(fileNo) : null);
        CustomerItemReader reader = new CustomerItemReader(
                export, progress.of(runId).part(execution.getId(), ExportPartitioner.bytes(partition)));
        EvaluateChunk chunk = new EvaluateChunk(
                reader,
                new SegmentEvaluator(run, fileNo),
                customers,
                runNo,
                new RejectLimit(definition.skipLimit(), rejects, runNo),
                chunkSize,
                EvaluateChunk.ItemTimers.of(
                        observations,
                        execution.getJobExecution().getJobInstance().getJobName(),
                        execution.getStepName()));
        // a partition runs on a thread of the pool or of a worker's listener: its lines name the run from here
        try (RunLogContext ignored = RunLogContext.of(run.run().jobName(), runId)) {
            new StepBuilder(NAME, repository)
                    .tasklet(chunk, transactions).stream(reader)
                            // a step built per partition is no bean: its step timer's registry comes here
                            .observationRegistry(observations)
                            .build()
                            .execute(execution);
        }
    }
}
