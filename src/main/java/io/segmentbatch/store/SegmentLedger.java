package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger of remote segments ({@code sb_dest_segment}) and of their deletions ({@code sb_dest_deletion}): every
 * state is written before the call it announces, so that a killed process leaves enough to resume without
 * creating a segment twice.
 */
@Repository
public class SegmentLedger {
    private static final RowMapper<PartRow> PART = (rs, i) -> new PartRow(
            rs.getString("dest_key"),
            rs.getString("run_id"),
            rs.getString("local_id"),
            rs.getString("parent_id"),
            rs.getString("parent_name"),
            rs.getString("name"),
            rs.getString("members_hash"),
            rs.getString("state"),
            rs.getString("remote_id"),
            rs.getInt("tries"),
            rs.getString("error"),
            rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant());

    private static final String RUN_NO = "(SELECT run_no FROM sb_run WHERE run_id = ?)";

    /**
     * How the error of a part that gave up after its last try begins: that try's answer may have been lost after
     * the segment was created, so such a row is {@linkplain #uncertainElsewhere uncertain}.
     */
    public static final String GAVE_UP = "gave up after ";

    private final JdbcTemplate jdbc;

    public SegmentLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One static segment of one run, as pushed (or to be pushed) to one destination. */
    public record PartRow(
            String destKey,
            String runId,
            String localId,
            String parentId,
            String parentName,
            String name,
            String membersHash,
            String state,
            @Nullable String remoteId,
            int tries,
            @Nullable String error,
            Instant updatedAt) {}

    /** Adds the part if the run has no row for it yet; returns whether it did. */
    public boolean plan(PartRow part, Instant now) {
        return jdbc.update(
                        "INSERT INTO sb_dest_segment (dest_key, run_id, local_id, parent_id, parent_name, name, members_hash,"
                                + " state, remote_id, tries, error, updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?"
                                + " WHERE NOT EXISTS (SELECT 1 FROM sb_dest_segment WHERE dest_key = ? AND run_id = ? AND local_id = ?)",
                        part.destKey(),
                        part.runId(),
                        part.localId(),
                        part.parentId(),
                        part.parentName(),
                        part.name(),
                        part.membersHash(),
                        part.state(),
                        part.remoteId(),
                        Timestamps.of(now),
                        part.destKey(),
                        part.runId(),
                        part.localId())
                == 1;
    }

    public List<PartRow> parts(String destKey, String runId) {
        return jdbc.query(
                "SELECT * FROM sb_dest_segment WHERE dest_key = ? AND run_id = ? ORDER BY parent_name, name",
                PART,
                destKey,
                runId);
    }

    public List<PartRow> partsOfRun(String runId) {
        return jdbc.query(
                "SELECT * FROM sb_dest_segment WHERE run_id = ? ORDER BY dest_key, parent_name, name", PART, runId);
    }

    /**
     * The remote segment now standing for this static segment at the destination: the newest row of an earlier run
     * that holds a remote ID not deleted since.
     */
    public Optional<PartRow> live(String destKey, String localId, String beforeRunId) {
        return jdbc
                .query(
                        "SELECT p.* FROM sb_dest_segment p JOIN sb_run r ON r.run_id = p.run_id"
                                + " WHERE p.dest_key = ? AND p.local_id = ? AND r.run_no < " + RUN_NO
                                + " AND p.state IN ('DONE', 'KEPT') AND p.remote_id IS NOT NULL"
                                + " AND NOT EXISTS (SELECT 1 FROM sb_dest_deletion d WHERE d.dest_key = p.dest_key AND d.remote_id = p.remote_id)"
                                + " ORDER BY r.run_no DESC LIMIT 1",
                        PART,
                        destKey,
                        localId,
                        beforeRunId)
                .stream()
                .findFirst();
    }

    public void update(
            String destKey,
            String runId,
            String localId,
            String state,
            @Nullable String remoteId,
            @Nullable String error,
            boolean countTry,
            Instant now) {
        jdbc.update(
                "UPDATE sb_dest_segment SET state = ?, remote_id = COALESCE(?, remote_id), error = ?,"
                        + " tries = tries + ?, updated_at = ? WHERE dest_key = ? AND run_id = ? AND local_id = ?",
                state,
                remoteId,
                error,
                countTry ? 1 : 0,
                Timestamps.of(now),
                destKey,
                runId,
                localId);
    }

    /**
     * Every remote and local segment ID the ledger knows, for any destination (another job may push segments of the
     * same names to the same service): never adopted as "ours, created by a lost call".
     */
    public Set<String> knownIds() {
        Set<String> known = new HashSet<>(
                jdbc.queryForList("SELECT remote_id FROM sb_dest_segment WHERE remote_id IS NOT NULL", String.class));
        known.addAll(jdbc.queryForList("SELECT local_id FROM sb_dest_segment", String.class));
        known.addAll(jdbc.queryForList("SELECT remote_id FROM sb_dest_deletion", String.class));
        return known;
    }

    /**
     * Rows of other runs whose last create call nobody saw the end of: left CREATING, or FAILED after giving up
     * ({@link #GAVE_UP}). They may have created an orphan.
     */
    public List<PartRow> uncertainElsewhere(String destKey, String runId) {
        return jdbc.query(
                "SELECT * FROM sb_dest_segment WHERE dest_key = ? AND run_id <> ? AND (state = 'CREATING'"
                        + " OR (state = 'FAILED' AND error LIKE '" + GAVE_UP + "%'))",
                PART,
                destKey,
                runId);
    }

    /** Remote segments of earlier runs that the given run no longer uses and that are not deleted yet. */
    public List<String> replaced(String destKey, String runId) {
        return jdbc.queryForList(
                "SELECT DISTINCT p.remote_id FROM sb_dest_segment p JOIN sb_run r ON r.run_id = p.run_id"
                        + " WHERE p.dest_key = ? AND r.run_no < " + RUN_NO + " AND p.remote_id IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM sb_dest_segment c WHERE c.dest_key = p.dest_key AND c.run_id = ? AND c.remote_id = p.remote_id)"
                        + " AND NOT EXISTS (SELECT 1 FROM sb_dest_deletion d WHERE d.dest_key = p.dest_key AND d.remote_id = p.remote_id AND d.state = 'DELETED')"
                        + " ORDER BY p.remote_id",
                String.class,
                destKey,
                runId,
                runId);
    }

    public void deletion(
            String destKey, String remoteId, String runId, String state, @Nullable String error, Instant now) {
        int updated = jdbc.update(
                "UPDATE sb_dest_deletion SET state = ?, error = ?, run_id = ?, updated_at = ? WHERE dest_key = ? AND remote_id = ?",
                state,
                error,
                runId,
                Timestamps.of(now),
                destKey,
                remoteId);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO sb_dest_deletion (dest_key, remote_id, run_id, state, error, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    destKey,
                    remoteId,
                    runId,
                    state,
                    error,
                    Timestamps.of(now));
        }
    }

    /** Remote segments this run deleted (and those it failed to). */
    public List<String[]> deletionsOfRun(String runId) {
        return jdbc.query(
                "SELECT dest_key, remote_id, state, error FROM sb_dest_deletion WHERE run_id = ? ORDER BY remote_id",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)},
                runId);
    }
}
