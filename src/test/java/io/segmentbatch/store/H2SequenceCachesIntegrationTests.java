package io.segmentbatch.store;

import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 holds its metadata lock while it builds an index (a large run's dedupe step: seconds), and a sequence stores its
 * next range of values under that lock: another job's inserts that take sequence values must not need it then.
 */
class H2SequenceCachesIntegrationTests {
    @TempDir
    Path folder;

    private String url() {
        return "jdbc:h2:file:" + folder.resolve("db") + ";MODE=PostgreSQL";
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(url(), "sa", "")
                .locations("classpath:db/migration/h2", "classpath:io/segmentbatch/store/migration")
                .load()
                .migrate();
    }

    @Test
    void everySequenceCachesEnoughValuesToTakeThemWhileAnotherSessionHoldsTheMetadataLock() throws SQLException {
        migrate();
        try (Connection building = DriverManager.getConnection(url(), "sa", "");
                Connection inserting = DriverManager.getConnection(url(), "sa", "")) {
            Map<String, Long> caches = new HashMap<>();
            try (var rows = inserting
                    .createStatement()
                    .executeQuery(
                            "SELECT SEQUENCE_NAME, CACHE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = 'PUBLIC'"
                                    + " UNION ALL SELECT TABLE_NAME || '.' || COLUMN_NAME, IDENTITY_CACHE"
                                    + " FROM INFORMATION_SCHEMA.COLUMNS"
                                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND IS_IDENTITY = 'YES'")) {
                while (rows.next()) {
                    caches.put(rows.getString(1), rows.getLong(2));
                }
            }
            assertThat(caches)
                    .as("the Spring Batch sequences and every identity column (sb_segment, sb_run, sb_event, ...)")
                    .hasSizeGreaterThanOrEqualTo(9)
                    .allSatisfy(
                            (sequence, cache) -> assertThat(cache).as(sequence).isGreaterThanOrEqualTo(100_000));

            // a sequence's first value after the database opens stores its range: taken before the lock, as a
            // serving process takes it long before another job's index build
            insertEvents(inserting, 1);
            SessionLocal session =
                    (SessionLocal) building.unwrap(JdbcConnection.class).getSession();
            session.getDatabase().lockMeta(session); // what CREATE INDEX holds until the index is built
            try {
                // with 32 values cached this failed after H2's 2 s lock timeout ("Timeout trying to lock table SYS")
                insertEvents(inserting, 200);
                try (var count = inserting.createStatement().executeQuery("SELECT COUNT(*) FROM sb_event")) {
                    assertThat(count.next()).isTrue();
                    assertThat(count.getLong(1))
                            .as("200 outbox events (32 values used to be cached) taken beside the lock")
                            .isEqualTo(201);
                }
            } finally {
                session.getDatabase().unlockMeta(session);
            }
        }
    }

    @Test
    void anotherJobsTableWaitsForTheIndexBuildOnTheShippedUrl() throws Exception {
        String url = ShippedH2Url.under(folder);
        try (Connection building = DriverManager.getConnection(url, "sa", "");
                Connection creating = DriverManager.getConnection(url, "sa", "")) {
            SessionLocal session =
                    (SessionLocal) building.unwrap(JdbcConnection.class).getSession();
            session.getDatabase().lockMeta(session); // what CREATE INDEX holds until the index is built
            AtomicBoolean created = new AtomicBoolean();
            AtomicBoolean createdWhileLocked = new AtomicBoolean();
            Thread build = new Thread(() -> {
                try {
                    Thread.sleep(3_000); // longer than H2's default lock timeout of 2 s
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    createdWhileLocked.set(created.get());
                    session.getDatabase().unlockMeta(session);
                }
            });
            build.start();
            try {
                creating.createStatement().execute("CREATE TABLE sb_customers_9 (customer_key VARCHAR)");
                created.set(true);
            } finally {
                build.join();
            }
            assertThat(createdWhileLocked)
                    .as("the table was not created while the index build held the lock: it waited")
                    .isFalse();
            try (var tables = creating.createStatement()
                    .executeQuery(
                            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SB_CUSTOMERS_9'")) {
                assertThat(tables.next()).isTrue();
                assertThat(tables.getInt(1))
                        .as("created once the index build let go")
                        .isEqualTo(1);
            }
        }
    }

    private static void insertEvents(Connection connection, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sb_event (id, run_id, segment_id, type, customer_key, created_at, payload)"
                        + " VALUES (?, 'run_one', 'seg_one', 'customer.segment.entered', ?, CURRENT_TIMESTAMP, '{}')")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, "evcus_" + System.nanoTime() + "_" + i);
                insert.setString(2, "cust_" + i);
                insert.executeUpdate();
            }
        }
    }
}
