package io.segmentbatch.customer;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and parses an export on a thread of its own, a bounded number of records ahead of the caller, so that
 * parsing (the bulk of a row's cost) runs beside filter evaluation and database writes. The caller sees
 * exactly what {@link ExportReader#next()} gives, in the same order: customers, rejects (thrown), then null.
 */
public final class ReadAhead implements AutoCloseable {
    private static final Object END = new Object();

    /** A failure of the reading thread, handed over to be thrown on the caller's. */
    private record Failure(RuntimeException exception) {
    }

    private final ExportReader export;
    private final BlockingQueue<Object> queue;
    private Thread thread;
    private boolean ended;

    public ReadAhead(ExportReader export, int capacity) {
        this.export = export;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** The next customer; null at the end; throws {@link RejectedRowException} for a bad record. */
    public Customer next() {
        if (ended) {
            return null;
        }
        if (thread == null) {
            thread = new Thread(this::readAll, "export-read-ahead");
            thread.setDaemon(true);
            thread.start();
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the export", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof RejectedRowException rejected) {
            throw rejected;
        }
        if (item instanceof Failure failure) {
            ended = true;
            throw failure.exception();
        }
        return (Customer) item;
    }

    private void readAll() {
        try {
            while (true) {
                Object item;
                try {
                    Customer customer = export.next();
                    item = customer == null ? END : customer;
                } catch (RejectedRowException e) {
                    item = e;
                } catch (RuntimeException e) {
                    item = new Failure(e);
                }
                queue.put(item);
                if (item == END || item instanceof Failure) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ExportReader export() {
        return export;
    }

    @Override
    public void close() throws IOException {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        export.close();
    }
}
