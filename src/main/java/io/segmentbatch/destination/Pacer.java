package io.segmentbatch.destination;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces the requests to one service evenly so that at most {@code perMinute} start in any minute, across all
 * threads of this process (one pacer per service URL).
 */
final class Pacer {
    private static final Map<String, Pacer> PACERS = new ConcurrentHashMap<>();

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    private Pacer(int perMinute) {
        this.intervalNanos = Duration.ofMinutes(1).toNanos() / perMinute;
    }

    static Pacer of(String service, int perMinute) {
        return PACERS.compute(
                service + "@" + perMinute, (key, existing) -> existing != null ? existing : new Pacer(perMinute));
    }

    /** Waits for this caller's slot. */
    void acquire() throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
