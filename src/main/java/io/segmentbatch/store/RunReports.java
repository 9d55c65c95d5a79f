package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.lang.Contract;
import org.springframework.stereotype.Repository;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs and their reports as the operator's views need them (metrics, {@code report.html}, {@code /runs}): read only.
 * Reports come from {@code sb_run.report_json}, so every figure survives a restart of the service.
 */
@Repository
public class RunReports {
    private static final String COLUMNS = "run_id, job_name, status, trigger_kind, output_dir, created_at, finished_at";
    private static final RowMapper<StoredRun> WITH_REPORT = (rs, i) -> run(rs, rs.getString("report_json"));
    private static final RowMapper<StoredRun> WITHOUT_REPORT = (rs, i) -> run(rs, null);

    private final JdbcTemplate jdbc;

    public RunReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredRun> find(String runId) {
        return jdbc
                .query("SELECT " + COLUMNS + ", report_json FROM sb_run WHERE run_id = ?", WITH_REPORT, runId)
                .stream()
                .findFirst();
    }

    /** Each job's newest completed run, with its report. */
    public List<StoredRun> lastCompletedPerJob() {
        return jdbc.query(
                "SELECT " + COLUMNS + ", report_json FROM sb_run r WHERE r.status = 'COMPLETED' AND r.run_no ="
                        + " (SELECT MAX(l.run_no) FROM sb_run l WHERE l.job_name = r.job_name AND l.status = 'COMPLETED')"
                        + " ORDER BY r.job_name",
                WITH_REPORT);
    }

    /**
     * The completed runs of a run's job up to and including that run, newest first, at most {@code limit}: the
     * history a report shows.
     */
    public List<StoredRun> completedUpTo(String runId, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + ", report_json FROM sb_run r WHERE r.status = 'COMPLETED'"
                        + " AND r.job_name = (SELECT job_name FROM sb_run WHERE run_id = ?)"
                        + " AND r.run_no <= (SELECT run_no FROM sb_run WHERE run_id = ?)"
                        + " ORDER BY r.run_no DESC LIMIT ?",
                WITH_REPORT,
                runId,
                runId,
                limit);
    }

    /** The newest runs of every job, newest first, without their reports. */
    public List<StoredRun> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sb_run ORDER BY run_no DESC LIMIT ?", WITHOUT_REPORT, limit);
    }

    /**
     * The newest runs, newest first, with their reports: of one job or all ({@code jobName} null), in one status or
     * any ({@code status} null). The command line's {@code runs}.
     */
    public List<StoredRun> newest(@Nullable String jobName, @Nullable String status, int limit) {
        return newest(jobName, status, limit, true);
    }

    /** The same without their reports: the API's list of a job's runs. */
    public List<StoredRun> newestWithoutReports(String jobName, @Nullable String status, int limit) {
        return newest(jobName, status, limit, false);
    }

    /** How many runs there are of one job or all, in one status or any: {@link #newest}'s conditions. */
    public long count(@Nullable String jobName, @Nullable String status) {
        Filter filter = Filter.of(jobName, status);
        Long count =
                jdbc.queryForObject("SELECT COUNT(*) FROM sb_run" + filter.where(), Long.class, filter.arguments());
        return count == null ? 0 : count;
    }

    private List<StoredRun> newest(@Nullable String jobName, @Nullable String status, int limit, boolean reports) {
        Filter filter = Filter.of(jobName, status);
        Object[] arguments = java.util.Arrays.copyOf(filter.arguments(), filter.arguments().length + 1);
        arguments[arguments.length - 1] = limit;
        return jdbc.query(
                "SELECT " + COLUMNS + (reports ? ", report_json" : "") + " FROM sb_run" + filter.where()
                        + " ORDER BY run_no DESC LIMIT ?",
                reports ? WITH_REPORT : WITHOUT_REPORT,
                arguments);
    }

    /** A WHERE clause on job and status, each left out when null. */
    private record Filter(String where, Object[] arguments) {
        static Filter of(@Nullable String jobName, @Nullable String status) {
            // conditions left out rather than "? IS NULL OR …": PostgreSQL cannot type a parameter that is only null
            List<Object> arguments = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            if (jobName != null) {
                where.append(" AND job_name = ?");
                arguments.add(jobName);
            }
            if (status != null) {
                where.append(" AND status = ?");
                arguments.add(status);
            }
            return new Filter(where.toString(), arguments.toArray());
        }
    }

    /** The names of the jobs that have runs, in order. */
    public List<String> jobNames() {
        return jdbc.queryForList("SELECT DISTINCT job_name FROM sb_run ORDER BY job_name", String.class);
    }

    /** A run's first rejected rows, in file and line order. */
    public List<StoredReject> firstRejects(String runId, int limit) {
        return jdbc.query(
                "SELECT file, line, reason, raw FROM sb_reject"
                        + " WHERE run_no = (SELECT run_no FROM sb_run WHERE run_id = ?) ORDER BY file, line LIMIT ?",
                (rs, i) -> new StoredReject(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                runId,
                limit);
    }

    private static StoredRun run(ResultSet rs, @Nullable String report) throws SQLException {
        return new StoredRun(
                rs.getString("run_id"),
                rs.getString("job_name"),
                rs.getString("status"),
                rs.getString("trigger_kind"),
                Path.of(rs.getString("output_dir")),
                instant(rs.getObject("created_at", OffsetDateTime.class)),
                instant(rs.getObject("finished_at", OffsetDateTime.class)),
                report);
    }

    @Contract("null -> null; !null -> !null")
    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
