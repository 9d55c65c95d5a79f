package io.segmentbatch.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Consumer;

/**
 * The rows a run rejected ({@code sb_reject}), for its {@code rejects.csv}. Each is written in a transaction of its
 * own, so that the rows that push a run past its skip limit are still there to explain the failure; a row read
 * again after a restart is recorded once.
 */
public class Rejects {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    Rejects(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A rejected row of a run's input. */
    public record Reject(String file, long line, String reason, String raw) {}

    public void record(long runNo, Reject reject) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO sb_reject (run_no, file, line, reason, raw) SELECT ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM sb_reject WHERE run_no = ? AND file = ? AND line = ?)",
                runNo,
                reject.file(),
                reject.line(),
                reject.reason(),
                reject.raw(),
                runNo,
                reject.file(),
                reject.line()));
    }

    public long count(long runNo) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM sb_reject WHERE run_no = ?", Long.class, runNo);
        return count == null ? 0 : count;
    }

    /** The run's rejects in file and line order. */
    public void forEach(long runNo, Consumer<Reject> sink) {
        jdbc.query(
                "SELECT file, line, reason, raw FROM sb_reject WHERE run_no = ? ORDER BY file, line",
                rs -> {
                    sink.accept(new Reject(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                },
                runNo);
    }
}
