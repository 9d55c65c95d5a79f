package io.segmentbatch.destination;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serve mode's background dispatcher, one thread: at start and then every {@code segment-batch.destinations.poll-interval}
 * (default 5 s) it delivers the completed runs a previous process left undelivered or half-delivered, and sends the
 * event deliveries that are due. A run that commits in serve mode wakes it at once.
 */
@Component
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class DeliveryDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Destinations destinations;
    private final Duration interval;
    private @Nullable ScheduledExecutorService executor;

    DeliveryDispatcher(
            Destinations destinations, @Value("${segment-batch.destinations.poll-interval:5s}") Duration interval) {
        this.destinations = destinations;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "destinations");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService own = executor;
        destinations.runInBackground(() -> {
            try {
                own.execute(this::tick);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.info("destinations: stopping; the next start delivers what is left");
            }
        });
        executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            destinations.resumeUnfinished();
            destinations.drainEvents();
        } catch (RuntimeException e) {
            log.warn("destinations: {}", e.getMessage());
        }
    }

    /**
     * Ends the deliveries before their next call and waits (up to 30 s) for a call in flight. The thread is never
     * interrupted: an interrupted thread's store writes close an H2 database for the whole process, and a call whose
     * answer is not recorded is made again by the next start (a create looked up by name first).
     */
    @Override
    public synchronized void stop() {
        destinations.runInBackground(null);
        destinations.stopDeliveries();
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("destinations: a call is still in flight; the next start makes it again if needed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Stops before the web server and the database pool, starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
