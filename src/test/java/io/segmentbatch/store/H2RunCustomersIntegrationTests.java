package io.segmentbatch.store;

import io.segmentbatch.segment.CustomerCursor;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.StoredCustomer;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run's customers on H2, on one connection, to see what a cursor leaves on the connection it hands back. */
class H2RunCustomersIntegrationTests {
    private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
            "jdbc:h2:mem:run-customers-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "", true);
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void theOrderedReadStreamsAndLeavesTheConnectionAsItWas() {
        migrate();
        RunCustomers customers = new RunCustomers(dataSource, Dialect.H2);
        customers.create(1);
        customers.append(
                1,
                List.of(
                        new EvaluatedCustomer("cust_b", "cust_b", "crm-b", "Bea", null, 1L, 0L, 0, 2L, 1),
                        new EvaluatedCustomer("crm-a", null, "crm-a", "Adam", "adam@example.com", 2L, 0L, 0, 3L, 1)));
        customers.index(1);

        List<String> keys = new ArrayList<>();
        boolean lazyWhileReading;
        try (CustomerCursor cursor = customers.sorted(1, true)) {
            lazyWhileReading = lazyQueryExecution();
            for (StoredCustomer c = cursor.next(); c != null; c = cursor.next()) {
                keys.add(c.key() + "/" + c.id());
            }
        }

        assertThat(keys).containsExactly("crm-a/null", "cust_b/cust_b");
        assertThat(lazyWhileReading)
                .as("H2 hands rows over as it finds them instead of copying the result first")
                .isTrue();
        assertThat(lazyQueryExecution())
                .as("the connection goes back to the pool as it came")
                .isFalse();
    }

    @Test
    void theOrderedReadLeavesNamesAndEmailsOutWhenNoEventNeedsThem() {
        migrate();
        RunCustomers customers = new RunCustomers(dataSource, Dialect.H2);
        customers.create(1);
        customers.append(
                1,
                List.of(
                        new EvaluatedCustomer("cust_b", "cust_b", "crm-b", "Bea", "bea@example.com", 1L, 2L, 0, 2L, 1),
                        new EvaluatedCustomer("crm-a", null, "crm-a", "Adam", "adam@example.com", 4L, 0L, 0, 3L, 1)));
        customers.index(1);

        assertThat(PostgresRunCustomersIntegrationTests.read(customers, 1, true))
                .containsExactly(
                        "crm-a|null|crm-a|Adam|adam@example.com|4|0", "cust_b|cust_b|crm-b|Bea|bea@example.com|1|2");
        assertThat(PostgresRunCustomersIntegrationTests.read(customers, 1, false))
                .containsExactly("crm-a|null|crm-a|null|null|4|0", "cust_b|cust_b|crm-b|null|null|1|2");
    }

    @Test
    void keysWatchedFromTheRunsFirstRowAreLookedUpWhereTheyCameTwice() {
        migrate();
        RunCustomers customers = new RunCustomers(dataSource, Dialect.H2);
        customers.create(1);
        customers.watchKeys(1, 1_000);
        customers.append(1, List.of(customer("cust_a", 2), customer("cust_b", 3)));
        customers.append(1, List.of(customer("cust_c", 4), customer("cust_a", 5), customer("cust_a", 6)));

        assertThat(customers.removeDuplicates(1))
                .containsExactly(
                        new RunCustomers.Duplicate("cust_a", 0, 5, 1, 0, 2),
                        new RunCustomers.Duplicate("cust_a", 0, 6, 1, 0, 2));
        assertThat(PostgresRunCustomersIntegrationTests.read(customers, 1, false))
                .containsExactly(
                        "cust_a|cust_a|crm-cust_a|null|null|1|0",
                        "cust_b|cust_b|crm-cust_b|null|null|1|0",
                        "cust_c|cust_c|crm-cust_c|null|null|1|0");
    }

    @Test
    void aRunThatHeldRowsBeforeItsKeysWereWatchedIsGroupedWhole() {
        migrate();
        RunCustomers customers = new RunCustomers(dataSource, Dialect.H2);
        customers.create(1);
        // an attempt that stopped after its first chunk, then the restart's evaluation
        customers.append(1, List.of(customer("cust_a", 2)));
        customers.watchKeys(1, 1_000);
        customers.append(1, List.of(customer("cust_b", 3), customer("cust_a", 4)));

        assertThat(customers.removeDuplicates(1))
                .as("the first cust_a was stored before the keys were watched")
                .containsExactly(new RunCustomers.Duplicate("cust_a", 0, 4, 1, 0, 2));
    }

    private static EvaluatedCustomer customer(String id, long line) {
        return new EvaluatedCustomer(id, id, "crm-" + id, null, null, 1L, 0L, 0, line, 1);
    }

    @Test
    void anOrderedReadThatCannotStartStillLeavesTheConnectionAsItWas() {
        RunCustomers customers = new RunCustomers(dataSource, Dialect.H2);

        assertThatThrownBy(() -> customers.sorted(2, true))
                .hasMessageContaining("reading the customers of run 2 failed");
        assertThat(lazyQueryExecution()).isFalse();
    }

    /** The store's schema and run 1. */
    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/h2", "classpath:io/segmentbatch/store/migration")
                .load()
                .migrate();
        jdbc.update("INSERT INTO sb_run (run_no, run_id, job_name, status, trigger_kind, definition_json,"
                + " input_files_json, output_dir, as_of, created_at) VALUES (1, 'run_one', 'job', 'STARTED', 'MANUAL',"
                + " '{}', '[]', '/tmp', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    /** The session setting (H2 lists it in no INFORMATION_SCHEMA table). */
    private boolean lazyQueryExecution() {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).isLazyQueryExecution()));
    }
}
