package io.segmentbatch.store.migration;

import io.segmentbatch.segment.Identities;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * H2 only: each run's customer table ({@code sb_customers_<run no>}) keeps a customer's identity once, as its sort
 * key, and whether it is their ID as a flag ({@code has_id}), instead of the key, the sort key and the ID as three
 * strings that were mostly the same. Existing tables are copied into the new shape, and their index is made again
 * if they had one, so the next run compares against them as before. Tables converted by V13 hold the key itself as
 * the sort key: it is corrected where the two differ (keys with characters from U+D800 up). PostgreSQL's tables keep
 * their shape.
 */
public class V36__h2_identity_kept_once extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        for (String table : H2RunTables.withColumn(connection, "CUSTOMER_KEY")) {
            convert(connection, table);
        }
    }

    private static void convert(Connection connection, String table) throws SQLException {
        boolean indexed = H2RunTables.indexed(connection, table);
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT customer_key FROM " + table
                    + " WHERE customer_id IS NOT NULL AND customer_id <> customer_key LIMIT 1")) {
                if (rows.next()) {
                    throw new IllegalStateException(table + ": customer " + rows.getString(1)
                            + " is keyed by something other than their ID, which segment-batch never wrote");
                }
            }
        }
        // V13 kept the key itself as the sort key: corrected where the two differ (characters from U+D800 up)
        try (Statement scan = connection.createStatement();
                ResultSet rows = scan.executeQuery("SELECT _ROWID_, customer_key, sort_key FROM " + table);
                PreparedStatement fix =
                        connection.prepareStatement("UPDATE " + table + " SET sort_key = ? WHERE _ROWID_ = ?")) {
            while (rows.next()) {
                String sortKey = Identities.sortKey(rows.getString(2));
                if (!sortKey.equals(rows.getString(3))) {
                    fix.setString(1, sortKey);
                    fix.setLong(2, rows.getLong(1));
                    fix.executeUpdate();
                }
            }
        }
        // one copy into the new shape: H2 copies the whole table for each column added or dropped (a 1M-customer
        // run took 2 min 24 s that way)
        String converted = table + "_V36";
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + converted);
            statement.execute("CREATE TABLE " + converted + " (sort_key VARCHAR NOT NULL, has_id BOOLEAN NOT NULL,"
                    + " source_id TEXT, name TEXT, email TEXT, m0 BIGINT NOT NULL, m1 BIGINT NOT NULL,"
                    + " file_no INTEGER NOT NULL, line BIGINT NOT NULL, lines INTEGER NOT NULL)");
            statement.execute("INSERT INTO " + converted + " SELECT sort_key, customer_id IS NOT NULL, source_id, name,"
                    + " email, m0, m1, file_no, line, lines FROM " + table);
            statement.execute("DROP TABLE " + table);
            statement.execute("ALTER TABLE " + converted + " RENAME TO " + table);
            if (indexed) {
                statement.execute("CREATE INDEX " + table + "_KEY ON " + table
                        + " (sort_key, has_id, source_id, name, email, m0, m1)");
            }
        }
    }
}
