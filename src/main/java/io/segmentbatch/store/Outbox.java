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
            CopyText.Rows rows = new CopyText.Rows(events.size() * 400);
            for (OutboxEvent event : events) {
                rows.text(event.id())
                        .tab()
                        .text(event.runId())
                        .tab()
                        .text(event.segmentId())
                        .tab()
                        .text(event.type())
                        .tab()
                        .text(event.customerKey())
                        .tab()
                        .plain(event.createdAt())
                        .tab()
                        .text(event.payload())
                        .end();
            }
            copy.copyIn(
                    "COPY sb_event (id, run_id, segment_id, type, customer_key, created_at, payload) FROM STDIN", rows);
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO sb_event (id, run_id, segment_id, type, customer_key, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                events.stream()
                        .map(e -> new Object[] {
                            e.id(),
                            e.runId(),
                            e.segmentId(),
                            e.type(),
                            e.customerKey(),
                            Timestamps.of(e.createdAt()),
                            e.payload()
                        })
                        .toList());
    }

    /** Removes a run's events (a held run that is discarded never emits them). */
    public void deleteRun(String runId) {
        jdbc.update("DELETE FROM sb_event WHERE run_id = ?", runId);
    }
}
