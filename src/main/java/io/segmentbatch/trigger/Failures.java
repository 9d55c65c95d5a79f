package io.segmentbatch.trigger;

import io.segmentbatch.store.ConnectionFailures;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.PortInUseException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * One line for the console about why a command could not do its work: the database that cannot be reached (with
 * its URL), or the innermost cause's message. The stack trace is for {@code --debug}.
 */
final class Failures {
    private Failures() {}

    static String describe(Throwable failure, @Nullable String databaseUrl) {
        String database = databaseProblem(failure);
        if (database != null) {
            return "cannot connect to the database at " + (databaseUrl == null ? "(unknown URL)" : databaseUrl) + ": "
                    + database;
        }
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // Hikari's words for a URL no driver takes (jdbc:postgres://…) name the embedded database's driver
            if (cause.getMessage() != null && cause.getMessage().contains("claims to not accept jdbcUrl")) {
                return "no database driver takes the URL " + (databaseUrl == null ? "(unknown URL)" : databaseUrl)
                        + " (PostgreSQL's start with jdbc:postgresql://, H2's with jdbc:h2:)";
            }
        }
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof PortInUseException portInUse) {
                return portInUse.getMessage() + " (--server.port=… picks another)";
            }
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** Why the database could not be reached, if that is what went wrong; else null. */
    private static @Nullable String databaseProblem(Throwable failure) {
        String sqlProblem = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (sqlProblem == null) {
                sqlProblem = ConnectionFailures.reason(cause);
            }
        }
        return sqlProblem;
    }
}
