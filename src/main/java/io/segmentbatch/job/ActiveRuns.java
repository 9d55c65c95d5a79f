package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The runs going in this process: one slot per job (at most one run of a job at a time) and the threads that
 * run jobs in the background. Once closed, no run starts any more.
 */
@Component
class ActiveRuns {
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final Map<String, String> runIds = new ConcurrentHashMap<>();
    // held runs being approved or discarded, by job: they hold the job's slot as a run does, but are no run to stop
    private final Map<String, String> settling = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "run-" + threads.incrementAndGet());
        thread.setDaemon(false);
        return thread;
    });
    private volatile boolean closing;

    /** Takes the job's slot, or says which run holds it. */
    void enterNow(String job) {
        take(job, null);
    }

    /**
     * Takes the job's slot to approve or discard its held run {@code runId}, or says which run holds it: a launch in
     * this process meanwhile is refused with that reason, or waits its turn.
     */
    void enterToSettle(String job, String runId) {
        take(job, runId);
    }

    private void take(String job, @Nullable String settledRunId) {
        checkOpen();
        Semaphore slot = slot(job);
        // under the slot's monitor, as its holder's name is set and cleared with it: a refusal names what holds it
        synchronized (slot) {
            if (!slot.tryAcquire()) {
                throw busy(job);
            }
            if (settledRunId != null) {
                settling.put(job, settledRunId);
            }
        }
    }

    private JobBusyException busy(String job) {
        String settled = settling.get(job);
        if (settled != null) {
            return JobBusyException.settling(job, settled);
        }
        String runId = runIds.get(job);
        return runId != null ? JobBusyException.running(job, runId) : JobBusyException.starting(job);
    }

    /** Waits (in arrival order) for the job's slot. */
    void enterWhenFree(String job) throws InterruptedException {
        checkOpen();
        slot(job).acquire();
        if (closing) {
            slot(job).release();
            throw new ShuttingDownException();
        }
    }

    void started(String job, String runId) {
        runIds.put(job, runId);
    }

    void leave(String job) {
        Semaphore slot = slot(job);
        synchronized (slot) {
            runIds.remove(job);
            settling.remove(job);
            slot.release();
        }
    }

    Optional<String> activeRun(String job) {
        return Optional.ofNullable(runIds.get(job));
    }

    List<String> activeRunIds() {
        return List.copyOf(runIds.values());
    }

    <T> CompletableFuture<T> submit(Supplier<T> task) {
        checkOpen();
        return CompletableFuture.supplyAsync(task, executor);
    }

    /** Refuses new runs from now on. */
    void close() {
        closing = true;
        executor.shutdown();
    }

    /** Waits for the background runs to end; false if some are still going after the timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!runIds.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void checkOpen() {
        if (closing) {
            throw new ShuttingDownException();
        }
    }

    private Semaphore slot(String job) {
        return slots.computeIfAbsent(job, name -> new Semaphore(1, true));
    }
}
