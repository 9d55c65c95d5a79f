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
import java.util.Set;

/**
 * Turns membership changes into events: one line of {@code events.ndjson} each, and a row of the outbox for the
 * types it stores (those a destination delivers), streamed as they come. An event's ID derives from the run,
 * segment, customer and type, so a restarted run emits the same IDs. Call {@link #pause()} before other statements
 * run in the publishing transaction.
 */
final class EventWriter implements ChangeSink, AutoCloseable {
    private final FileWrites writes = new FileWrites();
    private final OutputStream file;
    private final Path path;
    private final String runId;
    private final Outbox.@Nullable Appender outbox;
    private final boolean storeEntered;
    private final boolean storeLeft;
    private final EventLines lines = new EventLines();
    private final SegmentIds.Deriver ids = new SegmentIds.Deriver();
    private final Instant now;
    private final String createdAt;

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
    }

    @Override
    public void change(CatalogSegment segment, Change change, MemberInfo member) {
        String type = change == Change.ENTERED ? SegmentEvent.ENTERED : SegmentEvent.LEFT;
        String id = ids.derive("evcus_", runId, segment.id(), type, member.key());
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
