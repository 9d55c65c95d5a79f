package io.segmentbatch.store.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the runs that are some segment's baseline from one row per membership ({@code sb_run_member},
 * {@code sb_run_customer}) to one row per customer with a bitmap ({@code sb_customers_<run no>}), so that the first
 * run after the upgrade compares against them, then drops the old tables. Runs that are nobody's baseline (failed
 * or superseded) keep their report and rejects but no members: they cannot be restarted after the upgrade.
 */
public class V13__convert_runs_to_one_row_per_customer extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        for (long runNo :
                longs(connection, "SELECT DISTINCT current_run_no FROM sb_segment WHERE current_run_no IS NOT NULL")) {
            convert(connection, postgres, runNo);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE sb_run_member" + (postgres ? " CASCADE" : ""));
            statement.execute("DROP TABLE sb_run_customer" + (postgres ? " CASCADE" : ""));
        }
    }

    private static void convert(Connection connection, boolean postgres, long runNo) throws SQLException {
        String table = "sb_customers_" + runNo;
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE " + table + " (customer_key " + (postgres ? "TEXT COLLATE \"C\"" : "VARCHAR")
                            + " NOT NULL" + (postgres ? "" : ", sort_key VARCHAR NOT NULL")
                            + ", customer_id TEXT, source_id TEXT,"
                            + " name TEXT, email TEXT, m0 BIGINT NOT NULL, m1 BIGINT NOT NULL, file_no INTEGER NOT NULL,"
                            + " line BIGINT NOT NULL, lines INTEGER NOT NULL)");
            statement.execute("INSERT INTO " + table + " (customer_key, " + (postgres ? "" : "sort_key, ")
                    + "customer_id, source_id, name, email, m0, m1, file_no, line, lines) SELECT customer_key, "
                    + (postgres ? "" : "customer_key, ") + "customer_id, source_id, name, email, 0, 0, 0, 0, 1"
                    + " FROM sb_run_customer WHERE run_no = " + runNo);
        }
        List<Long> filterSegments = longs(
                connection,
                "SELECT seg_no FROM sb_segment WHERE type <> 'static' AND"
                        + " (current_run_no = " + runNo
                        + " OR seg_no IN (SELECT seg_no FROM sb_run_member WHERE run_no = " + runNo
                        + ")) ORDER BY seg_no");
        int bit = 0;
        for (long segNo : filterSegments) {
            if (bit == 128) {
                break;
            }
            String column = bit < 64 ? "m0" : "m1";
            long mask = 1L << (bit & 63);
            String set = postgres ? column + " | " + mask : "BITOR(" + column + ", " + mask + ")";
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE " + table + " SET " + column + " = " + set + " WHERE customer_key IN"
                        + " (SELECT customer_key FROM sb_run_member WHERE run_no = " + runNo + " AND seg_no = " + segNo
                        + ")");
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO sb_run_segment (run_no, seg_no, bit, members)"
                            + " SELECT ?, ?, ?, COUNT(*) FROM sb_run_member WHERE run_no = ? AND seg_no = ?")) {
                insert.setLong(1, runNo);
                insert.setLong(2, segNo);
                insert.setInt(3, bit);
                insert.setLong(4, runNo);
                insert.setLong(5, segNo);
                insert.executeUpdate();
            }
            bit++;
        }
        try (Statement statement = connection.createStatement()) {
            // a job's static segments hold the customers they list
            statement.executeUpdate(
                    "INSERT INTO sb_segment_customer (seg_no, customer_id) SELECT DISTINCT m.seg_no, m.customer_key"
                            + " FROM sb_run_member m JOIN sb_segment s ON s.seg_no = m.seg_no WHERE m.run_no = " + runNo
                            + " AND s.type = 'static' AND s.origin = 'job' AND s.current_run_no = " + runNo
                            + " AND NOT EXISTS (SELECT 1 FROM sb_segment_customer c WHERE c.seg_no = m.seg_no AND c.customer_id = m.customer_key)");
            statement.execute("CREATE UNIQUE INDEX " + table + "_key ON " + table + " ("
                    + (postgres ? "customer_key" : "sort_key") + ")");
            statement.executeUpdate("UPDATE sb_run SET stored = TRUE WHERE run_no = " + runNo);
        }
    }

    private static List<Long> longs(Connection connection, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
