package io.segmentbatch.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a run's evaluation has come, summed over its partitions (each reader adds what it read), and logged
 * every 5 seconds by a timer while the run evaluates.
 */
class RunProgress implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "progress");
        thread.setDaemon(true);
        return thread;
    });

    private final String runId;
    private final long totalBytes;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final long started = System.nanoTime();
    private final ScheduledFuture<?> ticks;

    RunProgress(String runId, long totalBytes) {
        this.runId = runId;
        this.totalBytes = totalBytes;
        this.ticks = TIMER.scheduleAtFixedRate(this::log, 5, 5, TimeUnit.SECONDS);
    }

    void add(long rowsRead, long bytesRead) {
        rows.addAndGet(rowsRead);
        bytes.addAndGet(bytesRead);
    }

    private void log() {
        long read = rows.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        double share = totalBytes == 0 ? 100 : Math.min(100, 100.0 * bytes.get() / totalBytes);
        log.info(String.format("run %s: %,d rows read, %,.0f rows/s, %.1f%% of input", runId, read, read / seconds, share));
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
