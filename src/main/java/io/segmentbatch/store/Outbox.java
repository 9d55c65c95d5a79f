package io.segmentbatch.store;

import io.segmentbatch.segment.OutboxEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The events outbox ({@code sb_event}): appended in the publishing transaction, in order. */
public class Outbox {
    private final JdbcTemplate jdbc;
    private final RunCustomers copy;
    private final Dialect dialect;

    Outbox(JdbcTemplate jdbc, RunCustomers copy, Dialect dialect) {
        this.jdbc = jdbc;
        this.copy = copy;
        this.dialect = dialect;
    }

    public void append(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRES) {
            StringBuilder rows = new StringBuilder(events.size() * 400);
            for (OutboxEvent event : events) {
                CopyText.append(rows, event.id()).append('\t');
                CopyText.append(rows, event.runId()).append('\t');
                CopyText.append(rows, event.segmentId()).append('\t');
                CopyText.append(rows, event.type()).append('\t');
                CopyText.append(rows, event.customerKey()).append('\t');
                rows.append(event.createdAt()).append('\t');
                CopyText.append(rows, event.payload()).append('\n');
            }
            copy.copyIn("COPY sb_event (id, run_id, segment_id, type, customer_key, created_at, payload) FROM STDIN", rows);
            return;
        }
        jdbc.batchUpdate("INSERT INTO sb_event (id, run_id, segment_id, type, customer_key, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                events.stream().map(e -> new Object[]{e.id(), e.runId(), e.segmentId(), e.type(), e.customerKey(),
                        Timestamps.of(e.createdAt()), e.payload()}).toList());
    }

    /** Removes a run's events (a held run that is discarded never emits them). */
    public void deleteRun(String runId) {
        jdbc.update("DELETE FROM sb_event WHERE run_id = ?", runId);
    }
}
