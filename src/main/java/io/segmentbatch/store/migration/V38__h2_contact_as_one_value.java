package io.segmentbatch.store.migration;

import io.segmentbatch.store.PackedContact;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * H2 only: each run's customer table ({@code sb_customers_<run no>}) keeps whether the key is the customer's ID, their
 * {@code source_id}, name and email as one binary value ({@code contact}, {@link PackedContact}) instead of four
 * columns, which H2's index build and ordered reads handled one by one. Tables in the shape V36 made are copied into
 * the new one, and their index made again if they had one, so the next run compares against them as before.
 * PostgreSQL's tables keep their shape.
 */
public class V38__h2_contact_as_one_value extends BaseJavaMigration {
    private static final int BATCH = 5_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        for (String table : H2RunTables.withColumn(connection, "HAS_ID")) {
            convert(connection, table);
        }
    }

    private static void convert(Connection connection, String table) throws SQLException {
        boolean indexed = H2RunTables.indexed(connection, table);
        String converted = table + "_V38";
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + converted);
            statement.execute("CREATE TABLE " + converted + " (sort_key VARCHAR NOT NULL, m0 BIGINT NOT NULL,"
                    + " m1 BIGINT NOT NULL, contact VARBINARY NOT NULL, file_no INTEGER NOT NULL,"
                    + " line BIGINT NOT NULL, lines INTEGER NOT NULL)");
        }
        try (Statement scan = connection.createStatement();
                ResultSet rows = scan.executeQuery("SELECT sort_key, has_id, source_id, name, email, m0, m1, file_no,"
                        + " line, lines FROM " + table);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + converted
                        + " (sort_key, m0, m1, contact, file_no, line, lines) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            while (rows.next()) {
                insert.setString(1, rows.getString(1));
                insert.setLong(2, rows.getLong(6));
                insert.setLong(3, rows.getLong(7));
                insert.setBytes(
                        4,
                        PackedContact.pack(
                                rows.getBoolean(2), rows.getString(3), rows.getString(4), rows.getString(5)));
                insert.setInt(5, rows.getInt(8));
                insert.setLong(6, rows.getLong(9));
                insert.setInt(7, rows.getInt(10));
                insert.addBatch();
                if (++batched == BATCH) {
                    insert.executeBatch();
                    batched = 0;
                }
            }
            if (batched > 0) {
                insert.executeBatch();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + table);
            statement.execute("ALTER TABLE " + converted + " RENAME TO " + table);
            if (indexed) {
                statement.execute("CREATE INDEX " + table + "_KEY ON " + table + " (sort_key, m0, m1, contact)");
            }
        }
    }
}
