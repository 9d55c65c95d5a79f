package io.segmentbatch.job;

import io.segmentbatch.report.EventLines;
import io.segmentbatch.report.SegmentEvent;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.ChangeSink;
import io.segmentbatch.segment.MemberInfo;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.store.Outbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Turns membership changes into events: one line of {@code events.ndjson} each, and a row of the outbox, streamed
 * as they come. An event's ID derives from the run, segment, customer and type, so a restarted run emits the same
 * IDs. Call {@link #pause()} before other statements run in the publishing transaction.
 */
final class EventWriter implements ChangeSink, AutoCloseable {
    private final OutputStream file;
    private final Path path;
    private final String runId;
    private final Outbox.Appender outbox;
    private final EventLines lines = new EventLines();
    private final SegmentIds.Deriver ids = new SegmentIds.Deriver();
    private final Instant now;
    private final String createdAt;

    EventWriter(Path path, String runId, Outbox store, Instant now) {
        this.path = path;
        this.runId = runId;
        this.now = now;
        this.createdAt = Times.format(now);
        try {
            Files.createDirectories(path.getParent());
            this.file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        this.outbox = store.appender();
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
        outbox.add(id, runId, segment.id(), type, member.key(), now, lines.bytes(), lines.length());
    }

    /** Stores the events so far and frees the transaction's connection for another statement. */
    void pause() {
        outbox.pause();
    }

    @Override
    public void close() {
        try (lines) {
            outbox.close();
        } finally {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }
    }
}
