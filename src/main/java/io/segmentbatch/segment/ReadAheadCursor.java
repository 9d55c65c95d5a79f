package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a cursor ahead on a thread of its own, a batch of customers at a time, so that the ordered pass does not also
 * decode the store's rows: on H2 reading the run's index (its pages, each row's values) was half of the pass's CPU on
 * the 1M bench, PostgreSQL's {@code COPY} rows a quarter (async-profiler). At most {@value #BATCHES} batches of
 * {@value #BATCH} customers wait to be taken. A failure while reading is thrown by the {@link #next()} that reaches it,
 * after the customers read before it, as the cursor itself would.
 * <p>
 * Closing waits for the reading thread to stop (after the batch it is reading) before it closes the cursor; the thread
 * is never interrupted, as an interrupt closes the file an embedded database reads ({@code FileChannel}).
 */
final class ReadAheadCursor implements CustomerCursor {
    static final int BATCH = 1024;
    private static final int BATCHES = 4;

    private final CustomerCursor source;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES);
    private final Thread reader;
    private volatile boolean closing;

    private StoredCustomer[] batch = new StoredCustomer[0];
    private int at;
    private @Nullable Throwable failure;
    private boolean done;

    /** Customers read; fewer than {@link #BATCH} (maybe none) when they are the last, or a failure ended the reading. */
    private record Batch(
            StoredCustomer[] customers, @Nullable Throwable failure) {}

    /** Starts reading {@code source} on a daemon thread named {@code name}; closing this closes it. */
    ReadAheadCursor(CustomerCursor source, String name) {
        this.source = source;
        this.reader = new Thread(this::readAll, name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        boolean more = true;
        while (more && !closing) {
            StoredCustomer[] read = new StoredCustomer[BATCH];
            int n = 0;
            Throwable failed = null;
            try {
                for (StoredCustomer customer; n < BATCH && (customer = source.next()) != null; ) {
                    read[n++] = customer;
                }
            } catch (RuntimeException | Error e) {
                failed = e;
            }
            more = n == BATCH && failed == null;
            try {
                batches.put(new Batch(more ? read : Arrays.copyOf(read, n), failed));
            } catch (InterruptedException e) {
                // not interrupted by this class (see above): whoever did wants the thread to end
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public @Nullable StoredCustomer next() {
        while (true) {
            if (at < batch.length) {
                return batch[at++];
            }
            Throwable failed = failure;
            if (failed != null) {
                failure = null;
                done = true;
                if (failed instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failed;
            }
            if (done) {
                return null;
            }
            Batch taken = take();
            batch = taken.customers();
            at = 0;
            failure = taken.failure();
            done = batch.length < BATCH || failure != null;
        }
    }

    /** The next batch; fails when the reading thread ended without handing one over. */
    private Batch take() {
        try {
            while (true) {
                Batch taken = batches.poll(100, TimeUnit.MILLISECONDS);
                if (taken != null) {
                    return taken;
                }
                if (!reader.isAlive() && batches.isEmpty()) {
                    throw new IllegalStateException(
                            "reading stored customers failed: the thread " + reader.getName() + " ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading stored customers", e);
        }
    }

    @Override
    public void close() {
        closing = true;
        boolean interrupted = false;
        while (reader.isAlive()) {
            // room for the batch it may be waiting to hand over; it stops before reading another
            batches.clear();
            try {
                reader.join(10);
            } catch (InterruptedException e) {
                // the source is closed only once nothing reads it: at most one batch more
                interrupted = true;
            }
        }
        source.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
