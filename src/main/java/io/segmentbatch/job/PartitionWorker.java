package io.segmentbatch.job;

import io.segmentbatch.store.UntakenPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's handling of one partition request: what Spring Batch's {@code StepExecutionRequestHandler} does (find
 * the step execution in the shared job repository, run the partition step on it), plus what a cluster needs:
 * <ul>
 *   <li>a request for a partition that already completed (a message redelivered after its worker died between the
 *   last commit and the acknowledgement) or for a run that is no longer going (the manager gave up; its restart
 *   sends the partition again) is acknowledged and skipped, so no partition is ever stored twice;</li>
 *   <li>a worker that cannot read the partition's input at the manager's path fails it with that reason;</li>
 *   <li>the worker's name goes into the partition's context, and each partition taken and ended is logged.</li>
 * </ul>
 * The partition step itself is the one local runs use ({@link EvaluatePartitionStep}): it builds a step (a tasklet of chunks) per
 * execution, which is why the worker locates it directly instead of through a {@code RemotePartitioningWorkerStepBuilder}
 * (that builder would share one step between the partitions a worker runs concurrently).
 */
final class PartitionWorker implements DisposableBean {
    static final String WORKER_KEY = "partition.worker";
    /** How long the worker's end waits for partitions cut off by its shutdown to be recorded as left to another. */
    private static final Duration LEAVING = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    /** The exit description of a partition ended before a worker took it. */
    static final String UNTAKEN = "the run was stopped before a worker took this partition";

    private final JobRepository repository;
    private final UntakenPartitions untaken;
    private final Step partitionStep;
    private final String name = ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean shuttingDown;
    private final Set<Thread> handling = ConcurrentHashMap.newKeySet();

    PartitionWorker(JobRepository repository, UntakenPartitions untaken, Step partitionStep) {
        this.repository = repository;
        this.untaken = untaken;
        this.partitionStep = partitionStep;
    }

    void handle(StepExecutionRequest request) {
        handling.add(Thread.currentThread());
        try {
            handleTaken(request);
        } finally {
            handling.remove(Thread.currentThread());
        }
    }

    private void handleTaken(StepExecutionRequest request) {
        StepExecution execution;
        try {
            execution = repository.getStepExecution(request.getStepExecutionId());
        } catch (EmptyResultDataAccessException e) {
            execution = null; // Spring Batch 6's repository throws where it used to return null
        }
        if (execution == null) {
            log.error(
                    "partition {} (step execution {}): this worker's database has no such partition: is the worker on"
                            + " the manager's database (spring.datasource.url)? Request dropped; the manager's run"
                            + " fails at its timeout, and a restart of it with --remote sends the partition again",
                    request.getStepName(),
                    request.getStepExecutionId());
            return;
        }
        String runId = execution.getJobExecution().getJobParameters().getString(SegmentationJobConfig.RUN_ID);
        String partition = execution.getStepName();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            log.info("run {}: partition {} has already completed; skipped", runId, partition);
            return;
        }
        BatchStatus run = execution.getJobExecution().getStatus();
        if (!run.isRunning()
                || execution.getStatus() == BatchStatus.FAILED
                || execution.getStatus() == BatchStatus.ABANDONED) {
            log.info(
                    "run {}: partition {} is {} and its run {}: skipped (a restart of the run sends it again)",
                    runId,
                    partition,
                    execution.getStatus(),
                    run);
            return;
        }
        if (run == BatchStatus.STOPPING && execution.getStatus() == BatchStatus.STARTING) {
            if (endUntaken(untaken, execution)) {
                log.info("run {}: partition {} not taken: the run is stopping", runId, partition);
            }
            return;
        }
        var context = execution.getExecutionContext();
        Path file = Path.of(context.getString(ExportPartitioner.FILE));
        context.putString(WORKER_KEY, name);
        if (!Files.isReadable(file)) {
            fail(
                    execution,
                    "cannot read the input file " + file + ": every worker must see the"
                            + " input files at the same path as the manager (a shared or copied folder)");
            return;
        }
        repository.updateExecutionContext(execution);
        long start = System.nanoTime();
        log.info(
                "run {}: partition {} taken ({} from line {})",
                runId,
                partition,
                file,
                grouped(context.getLong(ExportPartitioner.LINE)));
        try {
            partitionStep.execute(execution);
        } catch (JobInterruptedException e) {
            execution.setStatus(BatchStatus.STOPPED);
            if (!recorded(execution)) {
                endedByARestart(runId, partition);
                return;
            }
        } catch (Throwable e) {
            if (!shuttingDown) {
                execution.addFailureException(e);
                execution.setStatus(BatchStatus.FAILED);
                if (!recorded(execution)) {
                    endedByARestart(runId, partition);
                    return;
                }
            }
        }
        if (shuttingDown && execution.getStatus() != BatchStatus.COMPLETED && leftToAnotherWorker(execution, runId)) {
            return;
        }
        if (execution.getStatus() == BatchStatus.UNKNOWN && abandoned(execution)) {
            endedByARestart(runId, partition);
            return;
        }
        log.info(
                "run {}: partition {} {}: {} customers written, {} skipped, in {}",
                runId,
                partition,
                execution.getStatus(),
                grouped(execution.getWriteCount()),
                grouped(execution.getSkipCount()),
                Duration.ofMillis((System.nanoTime() - start) / 100_000_000 * 100));
    }

    /** Records how the partition ended; false when another process ended it meanwhile ({@link #abandoned}). */
    private boolean recorded(StepExecution execution) {
        try {
            repository.update(execution);
            return true;
        } catch (OptimisticLockingFailureException e) {
            return false;
        }
    }

    /**
     * Whether a restart of the run ended the partition ({@link RunLauncher#ABANDONED}): a restart of a run whose
     * manager died ends the partitions it finds going, so that their workers' next commit rolls back.
     */
    private boolean abandoned(StepExecution execution) {
        try {
            StepExecution now = repository.getStepExecution(execution.getId());
            return now != null
                    && now.getStatus() == BatchStatus.FAILED
                    && RunLauncher.ABANDONED.equals(now.getExitStatus().getExitDescription());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void endedByARestart(String runId, String partition) {
        log.warn(
                "run {}: partition {} was ended by a restart of its run while this worker read it (Spring Batch's"
                        + " errors above, if any: the chunk it was committing is rolled back); the restart sends it again",
                runId,
                partition);
    }

    /** 214,553: as the run's own progress lines write counts. */
    private static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /**
     * A partition of a stopping run that no worker has taken: ended STOPPED without being read, so that the manager's
     * wait ends (the run's restart sends it again). False when a worker took it first; the row is checked in the same
     * statement ({@link UntakenPartitions}), as the job repository would write over the worker's take. The manager and
     * the workers both call it.
     */
    static boolean endUntaken(UntakenPartitions untaken, StepExecution partition) {
        return untaken.stopIfUntaken(partition.getId(), UNTAKEN);
    }

    /** The process is stopping: a partition cut off from now on is left to another worker, not failed. */
    void shuttingDown() {
        shuttingDown = true;
    }

    /**
     * Called as the worker's application closes, after the message consumers have stopped and before the data source
     * closes (this bean depends on it): a partition still in hand, past {@code shutdown-timeout}, is interrupted, and
     * its thread is given time to record it as left to another worker. Before, the process could exit first, leaving
     * the partition as the interrupted step had recorded it.
     */
    @Override
    public void destroy() {
        shuttingDown = true;
        handling.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + LEAVING.toNanos();
        while (!handling.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A partition cut off by this worker's shutdown (its thread interrupted past {@code shutdown-timeout}, its
     * database closing): recorded as still going, as a killed worker leaves it, so that the worker its unacknowledged
     * request goes to next resumes it from its last commit. Recorded failed, it was skipped there and failed the run.
     */
    private boolean leftToAnotherWorker(StepExecution execution, String runId) {
        // an interrupted thread may not write (and the step's own write of FAILED or STOPPED is undone here)
        boolean interrupted = Thread.interrupted();
        try {
            StepExecution now = repository.getStepExecution(execution.getId());
            if (now == null || now.getJobExecution().getStatus() != BatchStatus.STARTED) {
                return false; // the run itself is stopping or over: the partition keeps what the step wrote
            }
            execution.setStatus(BatchStatus.STARTED);
            execution.setExitStatus(ExitStatus.EXECUTING);
            execution.getFailureExceptions().clear();
            repository.update(execution);
            log.info(
                    "run {}: partition {} cut off by this worker's shutdown; left to another worker",
                    runId,
                    execution.getStepName());
            return true;
        } catch (RuntimeException e) {
            log.info(
                    "run {}: partition {} cut off by this worker's shutdown; left to another worker as it was ({})",
                    runId,
                    execution.getStepName(),
                    e.getMessage());
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fail(StepExecution execution, String reason) {
        log.error("partition {}: worker {} {}", execution.getStepName(), name, reason);
        execution.setStartTime(LocalDateTime.now());
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
        execution.setEndTime(LocalDateTime.now());
        repository.update(execution);
        repository.updateExecutionContext(execution);
    }
}
