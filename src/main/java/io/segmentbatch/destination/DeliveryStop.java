package io.segmentbatch.destination;

import java.time.Duration;

/**
 * Tells deliveries that the process is stopping, without interrupting their thread: a delivery ends before its next
 * call, and a wait before a retry ends at once ({@link Stopped}). An interrupt would be worse than slow: the store
 * writes that follow an interrupted call close an H2 database's file for the whole process, and on any database
 * they would count a try that was never made.
 */
final class DeliveryStop {
    /** Thrown where a delivery ends because the process stops; the thread is not interrupted. */
    static final class Stopped extends InterruptedException {
        Stopped() {
            super("the process is stopping");
        }
    }

    private boolean stopping;

    synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    synchronized void resume() {
        stopping = false;
    }

    synchronized boolean stopping() {
        return stopping;
    }

    /** Throws {@link Stopped} once the process is stopping. */
    synchronized void check() throws Stopped {
        if (stopping) {
            throw new Stopped();
        }
    }

    /** Waits before a retry; ends at once, with {@link Stopped}, when the process stops meanwhile. */
    synchronized void sleep(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); !stopping && left > 0; left = end - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
        check();
    }
}
