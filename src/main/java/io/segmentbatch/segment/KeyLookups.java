package io.segmentbatch.segment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.JdbcUtils;

import java.sql.DatabaseMetaData;
import java.util.Collections;
import java.util.List;

/**
 * Looks up a run's customers by a list of keys, in the form each database answers from the primary key:
 * {@code = ANY(array)} on PostgreSQL (one plan for any number of keys), {@code IN (?, ?, …)} lists of
 * {@value #BATCH} keys elsewhere (H2 scans for {@code = ANY(array)}).
 */
final class KeyLookups {
    static final int BATCH = 500;
    private static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(BATCH, "?"));

    private final JdbcTemplate jdbc;
    private final boolean arrays;

    KeyLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.arrays = "PostgreSQL".equals(productName(jdbc));
    }

    /** Runs {@code select … WHERE run_no = ? AND customer_key …} for the keys. */
    void query(String select, long runNo, List<String> keys, RowCallbackHandler rows) {
        if (keys.isEmpty()) {
            return;
        }
        if (arrays) {
            jdbc.query(con -> {
                var statement = con.prepareStatement(select + " WHERE run_no = ? AND customer_key = ANY(?)");
                statement.setLong(1, runNo);
                statement.setArray(2, con.createArrayOf("text", keys.toArray()));
                return statement;
            }, rows);
            return;
        }
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
            Object[] arguments = new Object[BATCH + 1];
            arguments[0] = runNo;
            for (int i = 0; i < BATCH; i++) {
                // a short last batch repeats its first key, so that every query has the same text
                arguments[i + 1] = batch.get(i < batch.size() ? i : 0);
            }
            jdbc.query(select + " WHERE run_no = ? AND customer_key IN (" + PLACEHOLDERS + ")", rows, arguments);
        }
    }

    private static String productName(JdbcTemplate jdbc) {
        try {
            return JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName);
        } catch (Exception e) {
            return "";
        }
    }
}
