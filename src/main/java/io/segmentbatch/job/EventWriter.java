package io.segmentbatch.job;

import io.segmentbatch.report.EventLines;
import io.segmentbatch.report.SegmentEvent;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.ChangeSink;
import io.segmentbatch.segment.FileWrites;
import io.segmentbatch.segment.MemberInfo;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.store.Outbox;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns membership changes into events: one line of {@code events.ndjson} each, and a row of the outbox for the
 * types it stores (those a destination delivers), streamed as they come. An event's ID derives from the run,
 * segment, customer and type, so a restarted run emits the same IDs. Call {@link #pause()} before other statements
 * run in the publishing transaction.
 * <p>
 * When the outbox stores none of them, the caller derives the events' IDs and a thread of its own
 * ({@code publish-events}) writes their lines, a batch of {@value #BATCH} at a time and in order, while the ordered
 * pass goes on. On the 1M bench's first run with 6 million entered events, writing them was 4.9 s of the 5.9 s of CPU
 * the pass's thread took in a publish step of 9.2 s, while the machine's two cores were a quarter idle
 * (async-profiler). Events the outbox stores are written on the caller's thread, as they go into the publishing
 * transaction's connection. A failure on that thread is thrown by the call that hands the next batch over, or by
 * {@link #close()}.
 */
final class EventWriter implements ChangeSink, AutoCloseable {
    static final int BATCH = 1024;
    private static final int BATCHES_IN_FLIGHT = 4;

    private final FileWrites writes = new FileWrites();
    private final OutputStream file;
    private final Path path;
    private final String runId;
    private final Outbox.@Nullable Appender outbox;
    private final boolean storeEntered;
    private final boolean storeLeft;
    private final EventLines lines = new EventLines();
    private final SegmentIds.Deriver ids = new SegmentIds.Deriver();
    // by segment ID, what the IDs of its entered and of its left events share (SegmentIds.Deriver.leading)
    private final Map<String, byte[]> enteredIds = new HashMap<>();
    private final Map<String, byte[]> leftIds = new HashMap<>();
    private final Instant now;
    private final String createdAt;
    private final @Nullable ExecutorService writer;
    private final Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
    private Batch batch = new Batch();
    private volatile @Nullable RuntimeException failure;

    /** Changes to write, in their order. */
    private static final class Batch {
        private final String[] ids = new String[BATCH];
        private final CatalogSegment[] segments = new CatalogSegment[BATCH];
        private final Change[] changes = new Change[BATCH];
        private final MemberInfo[] members = new MemberInfo[BATCH];
        private int size;
    }

    EventWriter(Path path, String runId, Outbox store, Set<String> storedTypes, Instant now) {
        this.path = path;
        this.runId = runId;
        this.now = now;
        this.createdAt = Times.format(now);
        // written on a thread of its own: 6 million events are 2.5 GB, and write(2) took a quarter of the pass (JFR).
        // The file is created here: one that cannot be fails the publish before it reads anything
        try {
            this.file = writes.stream(path, path.toString());
        } catch (IOException e) {
            writes.close();
            throw new UncheckedIOException("cannot write " + path, e);
        }
        try {
            this.outbox = storedTypes.isEmpty() ? null : store.appender();
        } catch (RuntimeException e) {
            writes.close();
            throw e;
        }
        this.storeEntered = storedTypes.contains(SegmentEvent.ENTERED);
        this.storeLeft = storedTypes.contains(SegmentEvent.LEFT);
        this.writer = outbox != null
                ? null
                : Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "publish-events");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void change(CatalogSegment segment, Change change, MemberInfo member) {
        // the IDs are derived here and the lines written there: each was about half of an event's time
        String id = id(segment, change, member);
        if (writer == null) {
            write(id, segment, change, member);
            return;
        }
        Batch filling = batch;
        filling.ids[filling.size] = id;
        filling.segments[filling.size] = segment;
        filling.changes[filling.size] = change;
        filling.members[filling.size] = member;
        if (++filling.size == BATCH) {
            handOver();
        }
    }

    /** Hands the batch to the writing thread; waits while {@value #BATCHES_IN_FLIGHT} are waiting for it. */
    @SuppressWarnings("NullAway") // called only when there is a writer
    private void handOver() {
        checkFailure();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + path, e);
        }
        Batch full = batch;
        batch = new Batch();
        writer.execute(() -> {
            try {
                for (int i = 0; i < full.size && failure == null; i++) {
                    write(full.ids[i], full.segments[i], full.changes[i], full.members[i]);
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                inFlight.release();
            }
        });
    }

    private void checkFailure() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** The event's ID: {@code SegmentIds.derived("evcus_", runId, segment.id(), type, member.key())}. */
    private String id(CatalogSegment segment, Change change, MemberInfo member) {
        Map<String, byte[]> leading = change == Change.ENTERED ? enteredIds : leftIds;
        byte[] shared = leading.get(segment.id());
        if (shared == null) {
            shared = SegmentIds.Deriver.leading(runId, segment.id(), type(change));
            leading.put(segment.id(), shared);
        }
        return ids.derive("evcus_", shared, member.key());
    }

    private static String type(Change change) {
        return change == Change.ENTERED ? SegmentEvent.ENTERED : SegmentEvent.LEFT;
    }

    private void write(String id, CatalogSegment segment, Change change, MemberInfo member) {
        String type = type(change);
        lines.write(
                id,
                type,
                createdAt,
                runId,
                member.id(),
                member.sourceId(),
                member.name(),
                member.email(),
                segment.id(),
                segment.name());
        try {
            file.write(lines.bytes(), 0, lines.length());
            file.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        if (outbox != null && (change == Change.ENTERED ? storeEntered : storeLeft)) {
            outbox.add(
                    new Outbox.Event(id, runId, segment.id(), type, member.key(), now), lines.bytes(), lines.length());
        }
    }

    /** Stores the events so far and frees the transaction's connection for another statement. */
    void pause() {
        if (outbox != null) {
            outbox.pause();
        }
    }

    @Override
    public void close() {
        // an interrupt (a stopping run) is kept for the caller, after the writes asked for, which are bounded: waiting
        // threads would otherwise give up, and a file closed while its lines are still being written loses them
        boolean interrupted = Thread.interrupted();
        try {
            try {
                interrupted |= finishWriting();
            } finally {
                closeFiles();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        checkFailure();
    }

    /**
     * Waits for the writing thread to write every change handed to this writer (none after a failure); returns
     * whether the wait was interrupted.
     */
    private boolean finishWriting() {
        if (writer == null) {
            return false;
        }
        try {
            if (batch.size > 0 && failure == null) {
                handOver();
            }
        } finally {
            writer.shutdown();
        }
        boolean interrupted = false;
        while (true) {
            try {
                if (writer.awaitTermination(1, TimeUnit.MINUTES)) {
                    return interrupted;
                }
                // the disk is slow, not stuck: at most BATCHES_IN_FLIGHT batches are left
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private void closeFiles() {
        try (lines) {
            if (outbox != null) {
                outbox.close();
            }
        } finally {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            } finally {
                writes.finish();
            }
        }
    }
}
