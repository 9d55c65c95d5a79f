package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs as destinations see them: {@code sb_run} (read, and its report rewritten with the destinations section),
 * {@code sb_dest_run} (one row per run and destination: WAITING, RUNNING, DONE, FAILED, SUPERSEDED) and
 * {@code sb_destination} (each destination's declaration as last seen).
 */
@Repository
public class DestinationRuns {
    private static final RowMapper<RunSnapshot> RUN = (rs, i) -> new RunSnapshot(
            rs.getString("run_id"),
            rs.getString("job_name"),
            rs.getString("status"),
            rs.getString("definition_json"),
            Path.of(rs.getString("output_dir")),
            rs.getString("report_json"));
    private static final RowMapper<DestRunRow> DEST_RUN = (rs, i) -> new DestRunRow(
            rs.getString("run_id"),
            rs.getString("dest_key"),
            rs.getString("job_name"),
            rs.getString("type"),
            rs.getString("state"),
            rs.getString("error"));

    private final JdbcTemplate jdbc;

    public DestinationRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row of {@code sb_dest_run}. */
    public record DestRunRow(String runId, String destKey, String jobName, String type, String state, String error) {}

    public Optional<RunSnapshot> run(String runId) {
        return jdbc
                .query(
                        "SELECT run_id, job_name, status, definition_json, output_dir, report_json FROM sb_run WHERE run_id = ?",
                        RUN,
                        runId)
                .stream()
                .findFirst();
    }

    /** The newest completed run of a job (the only one whose segments a destination should hold). */
    public Optional<String> latestCompleted(String jobName) {
        return jdbc
                .queryForList(
                        "SELECT run_id FROM sb_run WHERE job_name = ? AND status = 'COMPLETED' ORDER BY run_no DESC LIMIT 1",
                        String.class,
                        jobName)
                .stream()
                .findFirst();
    }

    /**
     * Locks the run's row until the calling transaction ends: processes that rewrite one run's report take turns,
     * each from what the store says once the previous one committed.
     */
    public void lockRun(String runId) {
        jdbc.queryForList("SELECT run_id FROM sb_run WHERE run_id = ? FOR UPDATE", String.class, runId);
    }

    public void updateReport(String runId, String reportJson) {
        jdbc.update("UPDATE sb_run SET report_json = ? WHERE run_id = ?", reportJson, runId);
    }

    /** Records that the run is to be handed to the destination once it commits (kept if already there). */
    public void expect(String runId, String destKey, String jobName, String type, Instant now) {
        jdbc.update(
                "INSERT INTO sb_dest_run (run_id, dest_key, job_name, type, state, updated_at)"
                        + " SELECT ?, ?, ?, ?, 'WAITING', ? WHERE NOT EXISTS (SELECT 1 FROM sb_dest_run WHERE run_id = ? AND dest_key = ?)",
                runId,
                destKey,
                jobName,
                type,
                Timestamps.of(now),
                runId,
                destKey);
    }

    public void setState(String runId, String destKey, String state, @Nullable String error, Instant now) {
        jdbc.update(
                "UPDATE sb_dest_run SET state = ?, error = ?, updated_at = ? WHERE run_id = ? AND dest_key = ?",
                state,
                error,
                Timestamps.of(now),
                runId,
                destKey);
    }

    public List<DestRunRow> ofRun(String runId) {
        return jdbc.query("SELECT * FROM sb_dest_run WHERE run_id = ? ORDER BY dest_key", DEST_RUN, runId);
    }

    public Optional<DestRunRow> find(String runId, String destKey) {
        return jdbc
                .query("SELECT * FROM sb_dest_run WHERE run_id = ? AND dest_key = ?", DEST_RUN, runId, destKey)
                .stream()
                .findFirst();
    }

    /** Completed runs with a destination still WAITING or RUNNING: what a stopped process left to do. */
    public List<String> unfinishedCompletedRuns() {
        return jdbc.queryForList(
                "SELECT DISTINCT d.run_id FROM sb_dest_run d JOIN sb_run r ON r.run_id = d.run_id"
                        + " WHERE d.state IN ('WAITING', 'RUNNING') AND r.status = 'COMPLETED' ORDER BY d.run_id",
                String.class);
    }

    public void saveDestination(String destKey, String jobName, String type, String configJson, Instant now) {
        int updated = jdbc.update(
                "UPDATE sb_destination SET job_name = ?, type = ?, config_json = ?, updated_at = ? WHERE dest_key = ?",
                jobName,
                type,
                configJson,
                Timestamps.of(now),
                destKey);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO sb_destination (dest_key, job_name, type, config_json, updated_at) VALUES (?, ?, ?, ?, ?)",
                    destKey,
                    jobName,
                    type,
                    configJson,
                    Timestamps.of(now));
        }
    }

    /** A destination's declaration as last seen. */
    public record DestinationRow(String destKey, String jobName, String type, String configJson) {}

    public Optional<DestinationRow> destination(String destKey) {
        return jdbc
                .query(
                        "SELECT dest_key, job_name, type, config_json FROM sb_destination WHERE dest_key = ?",
                        (rs, i) ->
                                new DestinationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        destKey)
                .stream()
                .findFirst();
    }

    /** Every destination seen in a job file: its key and its job, for the delivery backlog gauges. */
    public List<String[]> destinations() {
        return jdbc.query("SELECT dest_key, job_name FROM sb_destination ORDER BY dest_key", (rs, n) ->
                new String[] {rs.getString(1), rs.getString(2)});
    }
}
