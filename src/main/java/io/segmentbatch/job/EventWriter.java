package io.segmentbatch.job;

import io.segmentbatch.report.SegmentEvent;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.ChangeSink;
import io.segmentbatch.segment.MemberInfo;
import io.segmentbatch.segment.OutboxEvent;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.store.Outbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns membership changes into events: one line of {@code events.ndjson} each, and a row of the outbox
 * table, flushed in batches. An event's ID derives from the run, segment, customer and type, so a restarted
 * run emits the same IDs.
 */
final class EventWriter implements ChangeSink, AutoCloseable {
    private static final int BATCH = 5_000;

    private final BufferedWriter file;
    private final Path path;
    private final String runId;
    private final Outbox store;
    private final Instant now;
    private final String createdAt;
    private final List<OutboxEvent> pending = new ArrayList<>(BATCH);

    EventWriter(Path path, String runId, Outbox store, Instant now) {
        this.path = path;
        this.runId = runId;
        this.store = store;
        this.now = now;
        this.createdAt = Times.format(now);
        try {
            Files.createDirectories(path.getParent());
            this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public void change(CatalogSegment segment, Change change, MemberInfo member) {
        String type = change == Change.ENTERED ? SegmentEvent.ENTERED : SegmentEvent.LEFT;
        String id = SegmentIds.derived("evcus_", runId, segment.id(), type, member.key());
        SegmentEvent event = new SegmentEvent(
                id,
                type,
                createdAt,
                runId,
                new SegmentEvent.Data(
                        new SegmentEvent.Customer(member.id(), member.sourceId(), member.name(), member.email()),
                        new SegmentEvent.Segment(segment.id(), segment.name())));
        String json = event.toJson();
        try {
            file.write(json);
            file.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        pending.add(new OutboxEvent(id, runId, segment.id(), type, member.key(), now, json));
        if (pending.size() == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (!pending.isEmpty()) {
            store.append(pending);
            pending.clear();
        }
    }

    @Override
    public void close() {
        flush();
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
