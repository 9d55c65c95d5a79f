package io.segmentbatch.store.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops the unique constraint on the outbox's event ID ({@code sb_event.id}). An event ID is a hash, so every row
 * of a run landed on a random page of that index: on the 1M bench's 6 million entered events the index took 47 of
 * the 81 s that PostgreSQL spent storing them. Nothing looks an event up by ID, and a run's events are written in
 * one transaction that a restart redoes whole, so the constraint never caught a duplicate either. Written in Java
 * because H2 names the constraint itself.
 */
public class V16__event_ids_not_indexed extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        String table = postgres ? "sb_event" : "SB_EVENT";
        String column = postgres ? "id" : "ID";
        String name = null;
        try (var statement =
                connection.prepareStatement("SELECT tc.constraint_name FROM information_schema.table_constraints tc"
                        + " JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name"
                        + " AND k.table_name = tc.table_name AND k.table_schema = tc.table_schema"
                        + " WHERE tc.table_name = ? AND tc.constraint_type = 'UNIQUE' AND k.column_name = ?"
                        + " AND tc.table_schema = ?")) {
            statement.setString(1, table);
            statement.setString(2, column);
            statement.setString(3, connection.getSchema());
            try (var rows = statement.executeQuery()) {
                if (rows.next()) {
                    name = rows.getString(1);
                }
            }
        }
        if (name != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE sb_event DROP CONSTRAINT \"" + name + "\"");
            }
        }
    }
}
