package io.segmentbatch.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the application migrates its database. Versions 12 to 16 were added after 35 (destinations) but numbered below
 * it, so a database that got 35 first has them left behind, and Flyway would refuse to start. Only such a database is
 * migrated out of order (which applies them); every other one in order, as Flyway warns on every start that a schema
 * migrated out of order "may not be reproducible".
 */
final class Migrations {
    private static final List<String> ADDED_AFTER_35 = List.of("12", "13", "14", "15", "16");

    private Migrations() {}

    /** Migrates with {@code flyway}'s configuration, out of order only for a database that got 35 before 12 to 16. */
    static MigrateResult migrate(Flyway flyway) {
        Configuration configuration = flyway.getConfiguration();
        if (configuration.isOutOfOrder() || !leftBehind(configuration)) {
            return flyway.migrate();
        }
        return Flyway.configure()
                .configuration(configuration)
                .outOfOrder(true)
                .load()
                .migrate();
    }

    /**
     * Whether the schema history holds 35 but not every one of 12 to 16: one query, where asking Flyway ({@code
     * info()}) resolved every migration once more and made every start 50 to 80 ms longer.
     */
    private static boolean leftBehind(Configuration configuration) {
        String schema = configuration.getDefaultSchema();
        String history = (schema == null ? "" : "\"" + schema + "\".") + "\"" + configuration.getTable() + "\"";
        Set<String> applied = new HashSet<>();
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT \"version\" FROM " + history + " WHERE \"success\"")) {
                while (rows.next()) {
                    applied.add(rows.getString(1));
                }
            } catch (SQLException noHistoryYet) {
                return false; // a new database: Flyway makes the history and applies everything in order
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading Flyway's schema history failed: " + e.getMessage(), e);
        }
        return applied.contains("35") && !applied.containsAll(ADDED_AFTER_35);
    }
}
