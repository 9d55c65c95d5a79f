package io.segmentbatch.segment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.Collections;
import java.util.List;

/**
 * Looks up a run's customers by a list of keys, as {@code IN (?, ?, …)} lists of at most {@value #BATCH} keys:
 * both H2 and PostgreSQL answer those from the primary key (H2 scans for {@code = ANY(array)}).
 */
final class KeyLookups {
    static final int BATCH = 500;
    private static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(BATCH, "?"));

    private KeyLookups() {
    }

    /** Runs {@code select … WHERE run_no = ? AND customer_key IN (…)} for every batch of keys. */
    static void query(JdbcTemplate jdbc, String select, long runNo, List<String> keys, RowCallbackHandler rows) {
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
}
