package io.segmentbatch.job;

import io.segmentbatch.store.UntakenPartitions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.messaging.MessageChannel;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The manager side of remote mode: builds the {@code evaluate} step that sends the partitions to the workers and
 * polls the job repository until they have all ended, and explains a failure in the words a user acts on.
 */
final class RemoteEvaluation {
    private static final Logger log = LoggerFactory.getLogger(RemoteEvaluation.class);
    private final MessageChannel requests;
    private final JobRepository repository;
    private final UntakenPartitions untaken;
    private final BeanFactory beanFactory;
    private final Duration pollInterval;
    private final Duration timeout;
    private final RunProgressBoard progress;

    RemoteEvaluation(
            MessageChannel requests,
            JobRepository repository,
            UntakenPartitions untaken,
            BeanFactory beanFactory,
            Duration pollInterval,
            Duration timeout,
            RunProgressBoard progress) {
        this.progress = progress;
        this.requests = requests;
        this.repository = repository;
        this.untaken = untaken;
        this.beanFactory = beanFactory;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    Step step(ExportPartitioner partitioner) {
        RemotePartitioningManagerStepBuilderFactory steps = new RemotePartitioningManagerStepBuilderFactory(repository);
        steps.setBeanFactory(beanFactory);
        return steps.get("evaluate")
                .partitioner(EvaluatePartitionStep.NAME, partitioner.withAbsolutePaths())
                // partitions of the configured size: the workers' threads are not known here to balance them over
                .gridSize(1)
                .outputChannel(requests)
                .pollInterval(pollInterval.toMillis())
                // Spring Batch's poller gives up once the next poll would come after the timeout, a poll interval
                // early: a run told to wait 6 s failed after 4 s with the default interval of 2 s
                .timeout(timeout.plus(pollInterval).toMillis())
                .listener(new Supervision())
                .build();
    }

    /**
     * While the workers run: the run's progress, from the partitions' step executions in the job repository (rows and
     * bytes read as of each worker's last commit), polled as the manager polls for their end. After:
     * replaces the manager step's own failure ("a partition failed", a bare timeout) with what happened to which
     * partition. Partitions still going when the manager gives up are marked failed, so that a worker still on one
     * cannot commit after the run's restart has sent it again (its next commit meets a newer version and rolls back).
     */
    private final class Supervision implements StepExecutionListener {
        private @Nullable ScheduledExecutorService poller;

        @Override
        public void beforeStep(StepExecution manager) {
            String runId = manager.getJobExecution().getJobParameters().getString(SegmentationJobConfig.RUN_ID);
            RunProgress run = progress.of(runId);
            long started = System.nanoTime();
            AtomicBoolean hinted = new AtomicBoolean();
            poller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "remote-progress-" + runId);
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(
                    () -> {
                        try {
                            JobExecution job = repository.getJobExecution(manager.getJobExecutionId());
                            List<StepExecution> partitions = job == null ? List.of() : partitions(job);
                            for (StepExecution partition : partitions) {
                                run.part(partition.getId(), ExportPartitioner.bytes(partition.getExecutionContext()))
                                        .update(
                                                bytesDone(partition),
                                                partition.getReadCount() + partition.getReadSkipCount());
                            }
                            if (!partitions.isEmpty()
                                    && System.nanoTime() - started
                                            > noWorkerHint().toNanos()
                                    && partitions.stream().noneMatch(RemoteEvaluation::taken)
                                    && !hinted.getAndSet(true)) {
                                log.warn(
                                        "run {}: no worker has taken any of its {} partitions in {}: is a worker"
                                                + " running (segment-batch worker) on this broker and database?"
                                                + " The run waits for one up to segment-batch.remote.timeout ({})",
                                        runId,
                                        partitions.size(),
                                        human(noWorkerHint()),
                                        human(timeout));
                            }
                            if (job != null
                                    && (job.getStatus() == BatchStatus.STOPPING
                                            || job.getStatus() == BatchStatus.STOPPED)) {
                                endUntaken(partitions, runId);
                            }
                        } catch (RuntimeException e) {
                            log.debug("remote progress of run {} not read this time: {}", runId, e.getMessage());
                        }
                    },
                    pollInterval.toMillis(),
                    pollInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public @Nullable ExitStatus afterStep(StepExecution manager) {
            if (poller != null) {
                poller.shutdownNow();
            }
            if (manager.getFailureExceptions().isEmpty()) {
                return null;
            }
            boolean timedOut = manager.getFailureExceptions().stream().anyMatch(RemoteEvaluation::isTimeout);
            List<StepExecution> partitions = partitions(manager);
            String message;
            List<StepExecution> failed = partitions.stream()
                    .filter(step -> step.getStatus() == BatchStatus.FAILED)
                    .toList();
            List<StepExecution> unfinished = partitions.stream()
                    .filter(step -> step.getStatus().isRunning())
                    .toList();
            if (!failed.isEmpty()) {
                StepExecution first = failed.get(0);
                message = "partition " + partitionName(first) + worker(first) + " failed: " + reason(first)
                        + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more partitions)" : "");
            } else if (timedOut) {
                long neverTaken =
                        unfinished.stream().filter(step -> !taken(step)).count();
                message = unfinished.size() + " of " + partitions.size() + " partitions were not finished by a worker"
                        + " within segment-batch.remote.timeout (" + human(timeout) + ")"
                        + (neverTaken > 0
                                ? "; " + neverTaken + " were never taken: is a worker running"
                                        + " (segment-batch worker) on this broker and database?"
                                : "")
                        + "; restart the run (segment-batch restart "
                        + manager.getJobExecution().getJobParameters().getString(SegmentationJobConfig.RUN_ID)
                        + " --remote) once workers are up";
            } else {
                return null;
            }
            for (StepExecution partition : unfinished) {
                partition.setStatus(BatchStatus.FAILED);
                partition.setExitStatus(ExitStatus.FAILED.addExitDescription("abandoned by the manager: " + message));
                partition.setEndTime(LocalDateTime.now());
                repository.update(partition);
            }
            manager.getFailureExceptions().clear();
            manager.addFailureException(new RemotePartitionException(message));
            return ExitStatus.FAILED.addExitDescription(message);
        }
    }

    /**
     * A stop of the run (Ctrl-C, SIGTERM, shutdown) while partitions wait for a worker: the partitions no worker has
     * taken yet are ended STOPPED here, so that the manager's wait ends and the run ends STOPPED, restartable.
     * Partitions being read stop at their next commit, or finish.
     */
    private void endUntaken(List<StepExecution> partitions, String runId) {
        for (StepExecution partition : partitions) {
            if (partition.getStatus() == BatchStatus.STARTING && PartitionWorker.endUntaken(untaken, partition)) {
                log.info("run {}: partition {} stopped before a worker took it", runId, partition.getStepName());
            }
        }
    }

    /**
     * How long the manager waits before it says that no worker has taken any partition yet: 30 seconds, or half the
     * timeout when that is shorter.
     */
    private Duration noWorkerHint() {
        Duration half = timeout.dividedBy(2);
        return half.compareTo(NO_WORKER_HINT) < 0 ? half : NO_WORKER_HINT;
    }

    private static final Duration NO_WORKER_HINT = Duration.ofSeconds(30);

    /** Whether a worker has taken the partition: it writes its name into the partition's context, then starts it. */
    private static boolean taken(StepExecution partition) {
        return partition.getStartTime() != null
                && partition.getExecutionContext().containsKey(PartitionWorker.WORKER_KEY);
    }

    /** How much of its partition's bytes a worker has read, as of its last commit: all of them once it completed. */
    static long bytesDone(StepExecution partition) {
        long bytes = ExportPartitioner.bytes(partition.getExecutionContext());
        return partition.getStatus() == BatchStatus.COMPLETED
                ? bytes
                : Math.min(bytes, CustomerItemReader.bytesCommitted(partition.getExecutionContext()));
    }

    /** A duration as a setting is written: 1h, 90m, 30s, 500ms. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** The partitions of the manager's job execution as the job repository has them now. */
    private List<StepExecution> partitions(StepExecution manager) {
        JobExecution job = repository.getJobExecution(manager.getJobExecutionId());
        return job == null ? List.of() : partitions(job);
    }

    private static List<StepExecution> partitions(JobExecution job) {
        return job.getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith(EvaluatePartitionStep.NAME + ":"))
                .toList();
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String partitionName(StepExecution partition) {
        var context = partition.getExecutionContext();
        String name = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
        return context.containsKey(ExportPartitioner.FILE)
                ? name + " (" + context.getString(ExportPartitioner.FILE) + " from line "
                        + context.getLong(ExportPartitioner.LINE) + ")"
                : name;
    }

    private static String worker(StepExecution partition) {
        var context = partition.getExecutionContext();
        return context.containsKey(PartitionWorker.WORKER_KEY)
                ? " on worker " + context.getString(PartitionWorker.WORKER_KEY)
                : "";
    }

    /** The class name in front of the message of one of the project's own exceptions. */
    private static final java.util.regex.Pattern OWN_EXCEPTION =
            java.util.regex.Pattern.compile("^io\\.segmentbatch\\.[\\w.$]+Exception: ");

    /** The innermost exception of a failed partition's exit description (a stack trace as Spring Batch stores it). */
    static String reason(StepExecution partition) {
        String description = partition.getExitStatus().getExitDescription();
        if (description == null || description.isBlank()) {
            return partition.getExitStatus().getExitCode();
        }
        if (description.contains("SkipLimitExceededException")) {
            return "more rows were rejected than the job's skip_limit allows; see rejects.csv";
        }
        String reason = description.lines().findFirst().orElse(description);
        for (String line : description.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                reason = line.substring("Caused by: ".length());
            }
        }
        // the project's own exceptions carry a message written for the operator: their class name is noise
        return OWN_EXCEPTION.matcher(reason).replaceFirst("");
    }

    /** A partition run by a worker failed, or was not finished in time. */
    static final class RemotePartitionException extends RuntimeException {
        RemotePartitionException(String message) {
            super(message);
        }
    }
}
