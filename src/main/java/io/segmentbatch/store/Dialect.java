package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.util.Optional;

/**
 * The database the store runs on. PostgreSQL is the production store (bulk writes with {@code COPY}, identities
 * in {@code COLLATE "C"}); H2 is the embedded default. Detected once, here and nowhere else.
 */
public enum Dialect {
    POSTGRES,
    H2;

    /**
     * The database a JDBC URL names, before anything connects: for what is prepared while the application starts
     * ({@code EarlyScan}). The store goes by the database's own answer ({@link #of}); a URL of another database, or
     * none (the embedded default), is H2.
     */
    public static Dialect ofUrl(@Nullable String jdbcUrl) {
        return DatabaseDriver.fromJdbcUrl(jdbcUrl) == DatabaseDriver.POSTGRESQL ? POSTGRES : H2;
    }

    /** Why remote mode (a manager or a worker) cannot run on a database of this dialect; empty on PostgreSQL. */
    public Optional<String> whyNotRemote() {
        return this == POSTGRES
                ? Optional.empty()
                : Optional.of("remote mode needs PostgreSQL: the workers share the manager's job repository and"
                        + " store, and the embedded H2 database cannot be shared with other machines; set"
                        + " spring.datasource.url to a PostgreSQL database that manager and workers reach");
    }

    static Dialect of(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equals(product) ? POSTGRES : H2;
        } catch (Exception e) {
            throw new IllegalStateException("cannot tell which database " + dataSource + " is: " + e.getMessage(), e);
        }
    }

    /** The SQL that is true when {@code column} has any of {@code mask}'s bits set. */
    String anyBit(String column, long mask) {
        return this == POSTGRES ? "(" + column + " & " + mask + ") <> 0" : "BITAND(" + column + ", " + mask + ") <> 0";
    }
}
