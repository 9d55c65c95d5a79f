package io.segmentbatch.store.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * H2: the runs' customer tables ({@code sb_customers_<run no>}) of the connection's schema, for the migrations that
 * reshape them.
 */
final class H2RunTables {
    private H2RunTables() {}

    /** The run tables that have the given column (upper case, as H2 keeps names). */
    static List<String> withColumn(Connection connection, String column) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (var statement = connection.prepareStatement("SELECT table_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name LIKE 'SB\\_CUSTOMERS\\_%' AND column_name = ?")) {
            statement.setString(1, connection.getSchema());
            statement.setString(2, column);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(1).matches("SB_CUSTOMERS_[0-9]+")) {
                        tables.add(rows.getString(1));
                    }
                }
            }
        }
        return tables;
    }

    /** Whether the run's table has its index ({@code <table>_KEY}). */
    static boolean indexed(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.indexes"
                + " WHERE table_schema = ? AND table_name = ? AND index_name = ?")) {
            statement.setString(1, connection.getSchema());
            statement.setString(2, table);
            statement.setString(3, table + "_KEY");
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }
}
