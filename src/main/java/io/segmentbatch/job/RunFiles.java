package io.segmentbatch.job;

import io.segmentbatch.report.ReportFiles;
import org.springframework.jdbc.core.JdbcTemplate;

/** Files of a run folder that come from the database. */
final class RunFiles {
    private RunFiles() {
    }

    /** {@code rejects.csv} from the rows the run rejected, in file and line order. */
    static void writeRejects(JdbcTemplate jdbc, RunRecord run) {
        ReportFiles.writeRejects(run.runFolder(), sink -> jdbc.query(
                "SELECT file, line, reason, raw FROM sb_reject WHERE run_no = ? ORDER BY file, line",
                rs -> {
                    sink.accept(new String[]{rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3), rs.getString(4)});
                }, run.runNo()));
    }
}
