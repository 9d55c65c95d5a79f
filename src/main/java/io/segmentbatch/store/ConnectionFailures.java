package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;

import java.sql.SQLException;

/** Tells a failure to reach the database (what the command line says in one line) from other SQL failures. */
public final class ConnectionFailures {
    private ConnectionFailures() {}

    /**
     * The first line of the SQL error that says the database cannot be reached or refused the login, if
     * {@code failure} is one: SQLSTATE classes 08 (connection), 28 (authorization), 3D000 (no such database), and
     * H2's 90020/90146 (file in use, no such database). Null otherwise.
     */
    public static @Nullable String reason(Throwable failure) {
        if (failure instanceof SQLException sql && connectionState(sql.getSQLState())) {
            return firstLine(String.valueOf(sql.getMessage()));
        }
        return null;
    }

    private static boolean connectionState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("28")
                        || state.equals("3D000")
                        || state.equals("90020")
                        || state.equals("90146"));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        String line = (end < 0 ? message : message.substring(0, end)).strip();
        return line.regionMatches(true, 0, "FATAL: ", 0, 7) ? line.substring(7) : line;
    }
}
