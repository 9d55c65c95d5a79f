package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Event deliveries ({@code sb_delivery}): one row per destination and outbox event ({@code sb_event}), PENDING until
 * the destination took it (DELIVERED) or it ran out of tries (DEAD).
 */
@Repository
public class Deliveries {
    private static final RowMapper<DeliveryRow> ROW = (rs, i) -> new DeliveryRow(
            rs.getString("dest_key"),
            rs.getLong("event_seq"),
            rs.getString("event_id"),
            rs.getString("run_id"),
            rs.getString("event_type"),
            rs.getString("state"),
            rs.getInt("tries"),
            rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
            rs.getString("last_error"));

    private final JdbcTemplate jdbc;

    public Deliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery of one event to one destination. */
    public record DeliveryRow(
            String destKey,
            long eventSeq,
            String eventId,
            String runId,
            String eventType,
            String state,
            int tries,
            Instant nextAttemptAt,
            @Nullable String lastError) {}

    /** A delivery with its event's JSON (the line of {@code events.ndjson}). */
    public record DueEvent(long eventSeq, String eventId, String runId, String eventType, int tries, String payload) {}

    /** Adds a PENDING delivery for each event of the run of these types that has none for the destination yet. */
    public int enqueue(String destKey, String runId, Collection<String> types, Instant now) {
        if (types.isEmpty()) {
            return 0;
        }
        String in = String.join(", ", types.stream().map(t -> "?").toList());
        List<Object> args = new ArrayList<>(List.of(destKey, Timestamps.of(now), Timestamps.of(now), runId));
        args.addAll(types);
        args.add(destKey);
        return jdbc.update(
                "INSERT INTO sb_delivery (dest_key, event_seq, event_id, run_id, event_type, state, tries,"
                        + " next_attempt_at, updated_at) SELECT ?, e.seq, e.id, e.run_id, e.type, 'PENDING', 0, ?, ? FROM sb_event e"
                        + " WHERE e.run_id = ? AND e.type IN (" + in + ") AND NOT EXISTS (SELECT 1 FROM sb_delivery d"
                        + " WHERE d.dest_key = ? AND d.event_seq = e.seq)",
                args.toArray());
    }

    /** Destinations with a PENDING delivery due now. */
    public List<String> destinationsDue(Instant now) {
        return jdbc.queryForList(
                "SELECT DISTINCT dest_key FROM sb_delivery WHERE state = 'PENDING' AND next_attempt_at <= ?",
                String.class,
                Timestamps.of(now));
    }

    /** How many PENDING deliveries are due now, to every destination. */
    public long countDue(Instant now) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM sb_delivery WHERE state = 'PENDING' AND next_attempt_at <= ?",
                Long.class,
                Timestamps.of(now));
        return count == null ? 0 : count;
    }

    /** The oldest due deliveries of a destination, in outbox order. */
    public List<DueEvent> due(String destKey, Instant now, int limit) {
        return jdbc.query(
                "SELECT d.event_seq, d.event_id, d.run_id, d.event_type, d.tries, e.payload FROM sb_delivery d"
                        + " JOIN sb_event e ON e.seq = d.event_seq WHERE d.dest_key = ? AND d.state = 'PENDING'"
                        + " AND d.next_attempt_at <= ? ORDER BY d.event_seq LIMIT " + limit,
                (rs, i) -> new DueEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6)),
                destKey,
                Timestamps.of(now));
    }

    public void delivered(String destKey, Collection<Long> seqs, Instant now) {
        jdbc.batchUpdate(
                "UPDATE sb_delivery SET state = 'DELIVERED', tries = tries + 1, last_error = NULL, updated_at = ?"
                        + " WHERE dest_key = ? AND event_seq = ?",
                seqs.stream()
                        .map(seq -> new Object[] {Timestamps.of(now), destKey, seq})
                        .toList());
    }

    /** A failed try of one event: PENDING again at {@code next}, or DEAD when {@code next} is null. */
    public record Failure(long eventSeq, @Nullable Instant next) {}

    public void failed(String destKey, List<Failure> failures, @Nullable String error, Instant now) {
        jdbc.batchUpdate(
                "UPDATE sb_delivery SET state = ?, tries = tries + 1, last_error = ?,"
                        + " next_attempt_at = COALESCE(?, next_attempt_at), updated_at = ? WHERE dest_key = ? AND event_seq = ?",
                failures.stream()
                        .map(f -> new Object[] {
                            f.next() == null ? "DEAD" : "PENDING",
                            error,
                            f.next() == null ? null : Timestamps.of(f.next()),
                            Timestamps.of(now),
                            destKey,
                            f.eventSeq()
                        })
                        .toList());
    }

    /** Deliveries by state (and destination), newest first. */
    public List<DeliveryRow> list(@Nullable String state, @Nullable String destKey, int limit, int offset) {
        return jdbc.query(
                "SELECT * FROM sb_delivery WHERE (CAST(? AS VARCHAR(20)) IS NULL OR state = ?) AND (CAST(? AS VARCHAR(500)) IS NULL OR dest_key = ?)"
                        + " ORDER BY event_seq DESC, dest_key LIMIT " + limit + " OFFSET " + offset,
                ROW,
                state,
                state,
                destKey,
                destKey);
    }

    public long count(@Nullable String state, @Nullable String destKey) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM sb_delivery WHERE (CAST(? AS VARCHAR(20)) IS NULL OR state = ?) AND (CAST(? AS VARCHAR(500)) IS NULL OR dest_key = ?)",
                Long.class,
                state,
                state,
                destKey,
                destKey);
        return count == null ? 0 : count;
    }

    /** One destination's delivery of one event (its sequence number in the outbox, and its ID). */
    public record DeliveryKey(String destKey, long eventSeq, String eventId) {}

    /**
     * DEAD deliveries made PENDING again with no tries, due now; all of them, or those of the given event IDs. Returns
     * the deliveries it made pending (one that another process made pending first is not among them).
     */
    public List<DeliveryKey> redeliver(@Nullable String destKey, List<String> eventIds, Instant now) {
        // Arrays.asList, not List.of: destKey is null for every destination, and List.of refuses nulls
        List<@Nullable Object> args = new ArrayList<>(java.util.Arrays.asList(destKey, destKey));
        String ids = "";
        if (eventIds != null && !eventIds.isEmpty()) {
            ids = " AND event_id IN (" + Placeholders.list(eventIds.size()) + ")";
            args.addAll(eventIds);
        }
        List<DeliveryKey> dead = jdbc.query(
                "SELECT dest_key, event_seq, event_id FROM sb_delivery"
                        + " WHERE state = 'DEAD' AND (CAST(? AS VARCHAR(500)) IS NULL OR dest_key = ?)" + ids,
                (rs, i) -> new DeliveryKey(rs.getString(1), rs.getLong(2), rs.getString(3)),
                args.toArray());
        int[] updated = jdbc.batchUpdate(
                "UPDATE sb_delivery SET state = 'PENDING', tries = 0, next_attempt_at = ?, updated_at = ?"
                        + " WHERE dest_key = ? AND event_seq = ? AND state = 'DEAD'",
                dead.stream()
                        .map(key ->
                                new Object[] {Timestamps.of(now), Timestamps.of(now), key.destKey(), key.eventSeq()})
                        .toList());
        List<DeliveryKey> redelivered = new ArrayList<>();
        for (int i = 0; i < dead.size(); i++) {
            if (updated[i] != 0) {
                redelivered.add(dead.get(i));
            }
        }
        return redelivered;
    }

    /** How many of these deliveries are in each state now. */
    public Map<String, Long> states(Collection<DeliveryKey> keys) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        List<DeliveryKey> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 500) {
            List<DeliveryKey> batch = all.subList(from, Math.min(all.size(), from + 500));
            List<Object> args = new ArrayList<>();
            StringBuilder pairs = new StringBuilder();
            for (DeliveryKey key : batch) {
                pairs.append(pairs.isEmpty() ? "" : " OR ").append("(dest_key = ? AND event_seq = ?)");
                args.add(key.destKey());
                args.add(key.eventSeq());
            }
            jdbc.query(
                    "SELECT state, COUNT(*) FROM sb_delivery WHERE " + pairs + " GROUP BY state",
                    rs -> {
                        counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    },
                    args.toArray());
        }
        return counts;
    }

    /** The destinations that have deliveries, by name. */
    public List<String> destinations() {
        return jdbc.queryForList("SELECT DISTINCT dest_key FROM sb_delivery ORDER BY dest_key", String.class);
    }

    /** The states of the deliveries of one event (to one destination, or to all), by event ID. */
    public Map<String, List<String>> statesOfEvents(@Nullable String destKey, Collection<String> eventIds) {
        Map<String, List<String>> states = new java.util.TreeMap<>();
        if (eventIds.isEmpty()) {
            return states;
        }
        List<@Nullable Object> args = new ArrayList<>(java.util.Arrays.asList(destKey, destKey));
        args.addAll(eventIds);
        jdbc.query(
                "SELECT event_id, state FROM sb_delivery WHERE (CAST(? AS VARCHAR(500)) IS NULL OR dest_key = ?)"
                        + " AND event_id IN ("
                        + Placeholders.list(eventIds.size())
                        + ") ORDER BY event_id, state",
                rs -> {
                    states.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(rs.getString(2));
                },
                args.toArray());
        return states;
    }

    /** Counts by state of one run's deliveries to one destination. */
    /** The last error of a run's deliveries to a destination that are not delivered (the latest tried), if any. */
    public java.util.Optional<String> lastErrorOfRun(String runId, String destKey) {
        return jdbc
                .queryForList(
                        "SELECT last_error FROM sb_delivery WHERE run_id = ? AND dest_key = ? AND state <> 'DELIVERED'"
                                + " AND last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1",
                        String.class,
                        runId,
                        destKey)
                .stream()
                .findFirst();
    }

    public Map<String, Long> countsOfRun(String runId, String destKey) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query(
                "SELECT state, COUNT(*) FROM sb_delivery WHERE run_id = ? AND dest_key = ? GROUP BY state",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                },
                runId,
                destKey);
        return counts;
    }
}
