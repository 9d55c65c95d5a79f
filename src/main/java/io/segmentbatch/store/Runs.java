package io.segmentbatch.store;

import io.segmentbatch.json.Json;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.segment.SegmentIds;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.lang.Contract;
import tools.jackson.core.type.TypeReference;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The {@code sb_run} table: one row per run, its definition snapshot, status and report. */
public class Runs {
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final RowMapper<RunRecord> ROW = (rs, i) -> new RunRecord(
            rs.getLong("run_no"),
            rs.getString("run_id"),
            rs.getString("job_name"),
            rs.getString("status"),
            Trigger.valueOf(rs.getString("trigger_kind")),
            rs.getString("definition_json"),
            Json.MAPPER.readValue(rs.getString("input_files_json"), new TypeReference<List<String>>() {}),
            Path.of(rs.getString("output_dir")),
            instant(rs.getObject("as_of", OffsetDateTime.class)),
            instant(rs.getObject("created_at", OffsetDateTime.class)),
            rs.getString("report_json"));

    private final JdbcTemplate jdbc;

    public Runs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new run ID: sortable by start time, unique. */
    public static String newRunId(Instant now) {
        return SegmentIds.random("run_" + RUN_ID_TIME.format(now) + "_").substring(0, 4 + 15 + 1 + 8);
    }

    public RunRecord create(
            String runId,
            String jobName,
            Trigger trigger,
            String definitionJson,
            List<String> inputFiles,
            Path outputRoot,
            Instant asOf,
            Instant now) {
        Path runFolder = outputRoot.resolve(jobName).resolve(runId);
        jdbc.update(
                "INSERT INTO sb_run (run_id, job_name, status, trigger_kind, definition_json, input_files_json, output_dir, as_of, created_at)"
                        + " VALUES (?, ?, 'STARTING', ?, ?, ?, ?, ?, ?)",
                runId,
                jobName,
                trigger.name(),
                definitionJson,
                Json.MAPPER.writeValueAsString(inputFiles),
                runFolder.toString(),
                Timestamps.of(asOf),
                Timestamps.of(now));
        return find(runId).orElseThrow();
    }

    /** Records the size and time of each input file as the run starts reading them ({@code size:millis} each). */
    public void stampInputs(long runNo, List<String> stamps) {
        jdbc.update(
                "UPDATE sb_run SET input_stamps_json = ? WHERE run_no = ?",
                Json.MAPPER.writeValueAsString(stamps),
                runNo);
    }

    /** The input stamps recorded when the run started, or an empty list for a run from before they were kept. */
    public List<String> inputStamps(long runNo) {
        String json = jdbc.queryForObject("SELECT input_stamps_json FROM sb_run WHERE run_no = ?", String.class, runNo);
        return json == null ? List.of() : Json.MAPPER.readValue(json, new TypeReference<List<String>>() {});
    }

    public Optional<RunRecord> find(long runNo) {
        return jdbc.query("SELECT * FROM sb_run WHERE run_no = ?", ROW, runNo).stream()
                .findFirst();
    }

    public Optional<RunRecord> find(String runId) {
        return jdbc.query("SELECT * FROM sb_run WHERE run_id = ?", ROW, runId).stream()
                .findFirst();
    }

    /** The runs whose row still says they are starting or going (STARTING, STARTED), oldest first. */
    public List<RunRecord> going() {
        return jdbc.query("SELECT * FROM sb_run WHERE status IN ('STARTING', 'STARTED') ORDER BY run_no", ROW);
    }

    /**
     * The job's newest run that is not a preview: a preview changes nothing, and a script that checks the last run's
     * status must not see PREVIEW whenever someone previewed.
     */
    public Optional<RunRecord> lastRun(String jobName) {
        return jdbc
                .query(
                        "SELECT * FROM sb_run WHERE job_name = ? AND trigger_kind <> 'PREVIEW'"
                                + " ORDER BY run_no DESC LIMIT 1",
                        ROW,
                        jobName)
                .stream()
                .findFirst();
    }

    public List<RunRecord> ofJob(String jobName, int limit) {
        return jdbc.query("SELECT * FROM sb_run WHERE job_name = ? ORDER BY run_no DESC LIMIT " + limit, ROW, jobName);
    }

    /** The newest run of a job with this trigger that read exactly these files (the inbox: the run of a dropped file). */
    public Optional<RunRecord> lastOfInput(String jobName, Trigger trigger, List<String> inputFiles) {
        return jdbc
                .query(
                        "SELECT * FROM sb_run WHERE job_name = ? AND trigger_kind = ? AND input_files_json = ?"
                                + " ORDER BY run_no DESC LIMIT 1",
                        ROW,
                        jobName,
                        trigger.name(),
                        Json.MAPPER.writeValueAsString(inputFiles))
                .stream()
                .findFirst();
    }

    public void update(long runNo, RunStatus status, @Nullable String reportJson, @Nullable Instant finishedAt) {
        jdbc.update(
                "UPDATE sb_run SET status = ?, report_json = COALESCE(?, report_json), finished_at = ? WHERE run_no = ?",
                status.name(),
                reportJson,
                finishedAt == null ? null : Timestamps.of(finishedAt),
                runNo);
    }

    /** The job's held runs before run {@code runNo}, oldest first. */
    public List<RunRecord> heldBefore(String jobName, long runNo) {
        return jdbc.query(
                "SELECT * FROM sb_run WHERE job_name = ? AND run_no < ? AND status = 'HELD' ORDER BY run_no",
                ROW,
                jobName,
                runNo);
    }

    /** The job's last completed run before run {@code runNo}. */
    public Optional<RunRecord> lastCompletedBefore(String jobName, long runNo) {
        return jdbc
                .query(
                        "SELECT * FROM sb_run WHERE job_name = ? AND run_no < ? AND status = 'COMPLETED'"
                                + " ORDER BY run_no DESC LIMIT 1",
                        ROW,
                        jobName,
                        runNo)
                .stream()
                .findFirst();
    }

    /**
     * Runs of a job before {@code runNo} whose customers are still stored but that are no segment's baseline and
     * are not held (approve still needs a held run's customers); with {@code keepRestartable}, not the runs that did
     * not end either (failed, stopped, or left going by a process that died), which a restart resumes from their
     * customers until a later run completes.
     */
    public List<Long> supersededStoredRuns(String jobName, long runNo, boolean keepRestartable) {
        return jdbc.queryForList(
                "SELECT r.run_no FROM sb_run r WHERE r.job_name = ? AND r.run_no < ? AND r.stored"
                        + " AND r.status <> 'HELD'"
                        + (keepRestartable ? " AND r.status NOT IN ('STARTING', 'STARTED', 'FAILED', 'STOPPED')" : "")
                        + " AND NOT EXISTS (SELECT 1 FROM sb_segment s WHERE s.current_run_no = r.run_no)",
                Long.class,
                jobName,
                runNo);
    }

    @Contract("null -> null; !null -> !null")
    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
