package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The events outbox ({@code sb_event}): appended in the publishing transaction, in order. */
public class Outbox {
    private static final String COLUMNS = "sb_event (id, run_id, segment_id, type, customer_key, created_at, payload)";

    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    Outbox(JdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Appends events on the current transaction's connection until closed. Call {@link Appender#pause()} before
     * anything else uses that connection: on PostgreSQL the appender keeps one COPY open, and the connection runs
     * nothing else while it is.
     */
    public Appender appender() {
        return dialect == Dialect.POSTGRES
                ? new CopyAppender(Objects.requireNonNull(jdbc.getDataSource(), "the outbox's data source"))
                : new BatchAppender(jdbc);
    }

    /** Removes a run's events (a held run that is discarded never emits them). */
    public void deleteRun(String runId) {
        jdbc.update("DELETE FROM sb_event WHERE run_id = ?", runId);
    }

    /** An event's outbox columns but its payload. */
    public record Event(
            String id, String runId, String segmentId, String type, String customerKey, Instant createdAt) {}

    /** Events going into the outbox, in order; the payload is the event's JSON as UTF-8 bytes. */
    public interface Appender extends AutoCloseable {
        void add(Event event, byte[] payload, int payloadLength);

        /** Stores what was added so far and frees the transaction's connection for other statements. */
        void pause();

        /** Stores what is left. */
        @Override
        void close();
    }

    /**
     * PostgreSQL: the events stream into one {@code COPY FROM STDIN} while the publisher makes the next ones, so the
     * server stores rows on the other core instead of waiting for a batch of them (JFR and wall time: a COPY per
     * batch of 5,000 events left one side idle while the other worked).
     */
    private static final class CopyAppender implements Appender {
        private static final int FLUSH_AT = 1 << 20;

        private final DataSource dataSource;
        private final Connection connection;
        private final CopyText.Rows rows = new CopyText.Rows(FLUSH_AT + (64 << 10));
        private @Nullable CopyIn copy;
        private @Nullable Instant stampOf;
        private String stamp = "";

        CopyAppender(DataSource dataSource) {
            this.dataSource = dataSource;
            this.connection = DataSourceUtils.getConnection(dataSource);
        }

        @Override
        public void add(Event event, byte[] payload, int payloadLength) {
            if (!event.createdAt().equals(stampOf)) {
                stampOf = event.createdAt();
                stamp = event.createdAt().toString();
            }
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
                    .plain(stamp)
                    .tab()
                    .utf8(payload, payloadLength)
                    .end();
            if (rows.length() >= FLUSH_AT) {
                send();
            }
        }

        private void send() {
            try {
                CopyIn open = copy;
                if (open == null) {
                    open = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + COLUMNS + " FROM STDIN");
                    copy = open;
                }
                open.writeToCopy(rows.array(), 0, rows.length());
                rows.clear();
            } catch (SQLException e) {
                cancel();
                throw new IllegalStateException("storing events in the outbox failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void pause() {
            if (rows.length() > 0) {
                send();
            }
            CopyIn open = copy;
            if (open != null) {
                copy = null;
                try {
                    open.endCopy();
                } catch (SQLException e) {
                    throw new IllegalStateException("storing events in the outbox failed: " + e.getMessage(), e);
                }
            }
        }

        private void cancel() {
            CopyIn open = copy;
            copy = null;
            rows.clear();
            if (open != null && open.isActive()) {
                try {
                    open.cancelCopy();
                } catch (SQLException ignored) {
                    // the COPY failed already; its error is the one to report
                }
            }
        }

        @Override
        public void close() {
            try {
                pause();
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    /** Other databases: batched inserts of 5,000 events. */
    private static final class BatchAppender implements Appender {
        private static final int BATCH = 5_000;

        private final JdbcTemplate jdbc;
        private final List<Object[]> pending = new ArrayList<>(BATCH);

        BatchAppender(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void add(Event event, byte[] payload, int payloadLength) {
            pending.add(new Object[] {
                event.id(),
                event.runId(),
                event.segmentId(),
                event.type(),
                event.customerKey(),
                Timestamps.of(event.createdAt()),
                new String(payload, 0, payloadLength, StandardCharsets.UTF_8)
            });
            if (pending.size() == BATCH) {
                pause();
            }
        }

        @Override
        public void pause() {
            if (!pending.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?)", pending);
                pending.clear();
            }
        }

        @Override
        public void close() {
            pause();
        }
    }
}
