package io.segmentbatch.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One run of a job at a time, and one process delivering to a destination at a time, across every process that
 * shares the database: the holder keeps the lock for as long as it works, on a connection of its own, and the lock
 * goes with that connection when the process dies. PostgreSQL uses a session advisory lock (no transaction held
 * open); H2 a row lock on the job's {@code sb_job_lock} row (the destination's {@code sb_dest_lock} row) in a
 * transaction kept open on the lock's connection.
 */
public class JobLocks {
    private final DataSource dataSource;
    private final Dialect dialect;

    JobLocks(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** A job's lock, held until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** What is locked: its advisory lock class on PostgreSQL, its table and key column on H2. */
    private enum Kind {
        JOB("segment-batch", "sb_job_lock", "job_name", "job"),
        DESTINATION("segment-batch-destination", "sb_dest_lock", "dest_key", "destination");

        final String advisoryClass;
        final String table;
        final String column;
        final String noun;

        Kind(String advisoryClass, String table, String column, String noun) {
            this.advisoryClass = advisoryClass;
            this.table = table;
            this.column = column;
            this.noun = noun;
        }
    }

    /** Takes the job's lock if no one holds it; empty when a run of the job goes on somewhere. */
    public Optional<Held> tryLock(String jobName) {
        return tryLock(Kind.JOB, jobName);
    }

    /**
     * Takes the lock of a destination (its key) if no one holds it; empty when another process (or another thread
     * of this one) delivers to it now.
     */
    public Optional<Held> tryLockDestination(String destKey) {
        return tryLock(Kind.DESTINATION, destKey);
    }

    private Optional<Held> tryLock(Kind kind, String name) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            boolean taken =
                    dialect == Dialect.POSTGRES ? advisory(connection, kind, name) : rowLock(connection, kind, name);
            if (!taken) {
                release(connection);
                return Optional.empty();
            }
            Connection held = connection;
            return Optional.of(() -> release(held));
        } catch (SQLException e) {
            if (connection != null) {
                release(connection);
            }
            throw new IllegalStateException(
                    "cannot take the lock of " + kind.noun + " " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether a run of the job goes on in some process: its lock is held. */
    public boolean isLocked(String jobName) {
        Optional<Held> lock = tryLock(jobName);
        lock.ifPresent(Held::close);
        return lock.isEmpty();
    }

    private static boolean advisory(Connection connection, Kind kind, String name) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(hashtext('" + kind.advisoryClass + "'), hashtext(?))")) {
            statement.setString(1, name);
            try (var rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * H2: locks the job's (destination's) row without waiting. The row is added the first time (the insert comes after a failed
     * lock, never before one: an insert or merge of a row that a live run holds would wait for the lock timeout
     * and fail instead of answering "busy").
     */
    private static boolean rowLock(Connection connection, Kind kind, String name) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (lockRow(connection, kind, name)) {
                return true;
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO " + kind.table + " (" + kind.column + ") VALUES (?)")) {
                insert.setString(1, name);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // another process added it at the same moment
            }
            connection.commit();
            return lockRow(connection, kind, name);
        } catch (SQLException e) {
            if (isLockConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean lockRow(Connection connection, Kind kind, String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT " + kind.column + " FROM " + kind.table + " WHERE " + kind.column + " = ? FOR UPDATE NOWAIT")) {
            lock.setString(1, name);
            try (var rs = lock.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean isLockConflict(SQLException e) {
        // H2: 50200 lock timeout, 90131 concurrent update, HYT00 timeout
        return e.getErrorCode() == 50200 || e.getErrorCode() == 90131 || "HYT00".equals(e.getSQLState());
    }

    private void release(Connection connection) {
        // released from a thread that was interrupted, H2 would close its file when the rollback writes
        boolean interrupted = Thread.interrupted();
        try {
            if (dialect == Dialect.POSTGRES) {
                try (var statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock_all()");
                }
            } else if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // closing the connection releases the lock anyway
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to release
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
