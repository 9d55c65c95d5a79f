package io.segmentbatch.job;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.RejectedRowException;
import io.segmentbatch.store.RunCustomers;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.function.Supplier;

/**
 * One chunk of a partition, in the transaction of one call of its tasklet step: reads up to {@code chunkSize} records,
 * evaluates each customer, stores them, and counts them in the step's contribution (read, rejected as read skips,
 * written). A rejected row is recorded and skipped while the run stays within its {@code skip_limit} ({@link
 * RejectLimit}); past it the chunk fails and rolls back. The reader's position is saved at each commit.
 * <p>
 * Spring Batch's chunk-oriented step does the same with work of its own around every item: an observation, a JFR
 * event, a retry template and the listeners, for each read and each evaluation. On the 1M bench that was a sixth
 * of evaluation's CPU. Here the item timers ({@code spring.batch.item.read}, {@code spring.batch.item.process},
 * {@code spring.batch.chunk.write}, the names and tags Spring Batch gives them) cost something only when they are on.
 */
final class EvaluateChunk implements Tasklet {
    private final CustomerItemReader reader;
    private final SegmentEvaluator evaluator;
    private final RunCustomers customers;
    private final long runNo;
    private final RejectLimit rejects;
    private final int chunkSize;
    private final @Nullable ItemTimers timers;

    EvaluateChunk(
            CustomerItemReader reader,
            SegmentEvaluator evaluator,
            RunCustomers customers,
            long runNo,
            RejectLimit rejects,
            int chunkSize,
            @Nullable ItemTimers timers) {
        this.reader = reader;
        this.evaluator = evaluator;
        this.customers = customers;
        this.runNo = runNo;
        this.rejects = rejects;
        this.chunkSize = chunkSize;
        this.timers = timers;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // each customer goes into the chunk as it is evaluated (on PostgreSQL, its COPY row is made then)
        RunCustomers.Chunk evaluated = customers.chunk(runNo);
        // every record counts towards the chunk, rejected ones too, as in Spring Batch's chunk-oriented step
        long skipped = 0;
        for (int records = 0; records < chunkSize; records++) {
            Customer customer;
            try {
                customer = timers == null ? reader.read() : timers.read.time(reader::read);
            } catch (RejectedRowException rejected) {
                if (!rejects.shouldSkip(rejected, contribution.getStepSkipCount() + skipped)) {
                    throw rejected;
                }
                skipped++;
                continue;
            }
            if (customer == null) {
                store(evaluated, skipped, contribution);
                return RepeatStatus.FINISHED;
            }
            Customer read = customer;
            evaluated.add(
                    timers == null ? evaluator.evaluate(read) : timers.process.time(() -> evaluator.evaluate(read)));
        }
        store(evaluated, skipped, contribution);
        return RepeatStatus.CONTINUABLE;
    }

    /**
     * Stores the chunk, then counts its reads, skips and writes: Spring Batch adds a chunk's contribution to the step
     * even when the chunk fails and rolls back, so counted as they were read, the rows of a chunk cut off (a worker
     * stopped past its shutdown timeout, a failed commit) stayed in the step's counts, and the worker or restart that
     * read them again counted them twice (a 202,008-row input showed 206,652 rows read).
     */
    private void store(RunCustomers.Chunk evaluated, long skipped, StepContribution contribution) {
        if (evaluated.size() > 0) {
            if (timers == null) {
                customers.store(evaluated);
            } else {
                timers.write.time(() -> {
                    customers.store(evaluated);
                    return evaluated;
                });
            }
        }
        for (int i = 0; i < evaluated.size(); i++) {
            contribution.incrementReadCount(); // Spring Batch has no increment by n for reads
        }
        contribution.incrementReadSkipCount(skipped);
        contribution.incrementWriteCount(evaluated.size());
    }

    /**
     * The item and chunk timers of one partition, as observations named and tagged as Spring Batch's own: {@code
     * <name>.job.name}, {@code <name>.step.name} and {@code <name>.status} ({@code SUCCESS}, or {@code FAILURE} with
     * the error, as a rejected row's read).
     */
    static final class ItemTimers {
        private final Timed read;
        private final Timed process;
        private final Timed write;

        /** Null when the registry records nothing: the chunk loop then does not even ask. */
        static @Nullable ItemTimers of(ObservationRegistry registry, String jobName, String stepName) {
            return registry.isNoop() ? null : new ItemTimers(registry, jobName, stepName);
        }

        private ItemTimers(ObservationRegistry registry, String jobName, String stepName) {
            read = new Timed(registry, "spring.batch.item.read", jobName, stepName);
            process = new Timed(registry, "spring.batch.item.process", jobName, stepName);
            write = new Timed(registry, "spring.batch.chunk.write", jobName, stepName);
        }
    }

    private static final class Timed {
        private final ObservationRegistry registry;
        private final String name;
        private final String jobKey;
        private final String stepKey;
        private final String statusKey;
        private final String jobName;
        private final String stepName;

        Timed(ObservationRegistry registry, String name, String jobName, String stepName) {
            this.registry = registry;
            this.name = name;
            this.jobKey = name + ".job.name";
            this.stepKey = name + ".step.name";
            this.statusKey = name + ".status";
            this.jobName = jobName;
            this.stepName = stepName;
        }

        <T> T time(Supplier<T> work) {
            Observation observation = Observation.createNotStarted(name, registry)
                    .lowCardinalityKeyValue(jobKey, jobName)
                    .lowCardinalityKeyValue(stepKey, stepName)
                    .start();
            try (Observation.Scope scope = observation.openScope()) {
                T result = work.get();
                observation.lowCardinalityKeyValue(statusKey, "SUCCESS");
                return result;
            } catch (RuntimeException e) {
                observation.lowCardinalityKeyValue(statusKey, "FAILURE");
                observation.error(e);
                throw e;
            } finally {
                observation.stop();
            }
        }
    }
}
