package io.segmentbatch.store;

import io.segmentbatch.TestDatabases;
import io.segmentbatch.segment.CustomerCursor;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.StoredCustomer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dedupe step on PostgreSQL: it builds the run's unique index first and groups the keys only when the index finds
 * an identity twice.
 */
class PostgresRunCustomersIntegrationTests {
    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;
    private RunCustomers customers;

    // one connection that the store takes and gives back again, to see what a cursor leaves on it
    private SingleConnectionDataSource one;

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @BeforeEach
    void freshDatabase() {
        dataSource = new DriverManagerDataSource(
                TestDatabases.freshPostgresDatabase("run_customers"),
                TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
        jdbc = new JdbcTemplate(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/postgresql", "classpath:io/segmentbatch/store/migration")
                .load()
                .migrate();
        jdbc.update("INSERT INTO sb_run (run_no, run_id, job_name, status, trigger_kind, definition_json,"
                + " input_files_json, output_dir, as_of, created_at) VALUES (1, 'run_one', 'job', 'STARTED', 'MANUAL',"
                + " '{}', '[]', '/tmp', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        customers = new RunCustomers(dataSource, Dialect.POSTGRES);
        customers.create(1);
        one = new SingleConnectionDataSource(
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL()),
                TestDatabases.postgresUser(),
                TestDatabases.postgresPassword(),
                true);
    }

    @AfterEach
    void closeConnection() {
        one.destroy();
    }

    @Test
    void withNoIdentityTwiceTheUniqueIndexIsBuiltAndTheIndexStepOnlyVacuums() {
        customers.append(1, List.of(customer("cust_b", 2), customer("cust_a", 3)));

        assertThat(customers.removeDuplicates(1)).isEmpty();
        assertThat(uniqueIndexes()).as("built by the dedupe step").isEqualTo(1);

        customers.index(1);

        assertThat(uniqueIndexes()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT relallvisible = relpages AND relpages > 0 FROM pg_class WHERE relname = 'sb_customers_1'",
                        Boolean.class))
                .as("the index step still vacuums the table (its pages all visible, for index-only scans)")
                .isTrue();
        assertThat(keysInOrder()).containsExactly("cust_a@3", "cust_b@2");
    }

    /**
     * Two chunks open on one thread keep their rows apart, though a chunk reuses its thread's COPY buffer: the one
     * stored holds only its own customers, and the one never stored (its transaction failed while it read) leaves
     * nothing behind.
     */
    @Test
    void chunksOpenOnOneThreadKeepTheirRowsApart() {
        RunCustomers.Chunk first = customers.chunk(1);
        first.add(customer("cust_a", 2));
        customers.store(first); // the thread's buffer is now there to reuse

        RunCustomers.Chunk stored = customers.chunk(1);
        RunCustomers.Chunk abandoned = customers.chunk(1);
        stored.add(customer("cust_b", 3));
        abandoned.add(customer("cust_lost", 4));
        stored.add(customer("cust_c", 5));
        customers.store(stored);
        customers.store(customers.chunk(1)); // an empty chunk stores nothing

        assertThat(customers.removeDuplicates(1)).isEmpty();
        assertThat(keysInOrder()).containsExactly("cust_a@2", "cust_b@3", "cust_c@5");
    }

    @Test
    void anIdentityTwiceLeavesNoIndexAndIsRemovedButForItsFirstOccurrence() {
        customers.append(1, List.of(customer("cust_a", 2), customer("cust_b", 3), customer("cust_a", 4)));

        List<RunCustomers.Duplicate> duplicates = customers.removeDuplicates(1);

        assertThat(duplicates).containsExactly(new RunCustomers.Duplicate("cust_a", 0, 4, 1, 0, 2));
        assertThat(uniqueIndexes())
                .as("the failed CREATE UNIQUE INDEX leaves nothing behind")
                .isZero();

        customers.index(1);

        assertThat(uniqueIndexes()).isEqualTo(1);
        assertThat(keysInOrder()).containsExactly("cust_a@2", "cust_b@3");
    }

    @Test
    void theOrderedReadSortsTheTableAndLeavesTheConnectionPlanningAsBefore() {
        customers.append(1, List.of(customer("cust_b", 2), customer("cust_a", 3)));
        customers.index(1);
        JdbcTemplate sameConnection = new JdbcTemplate(one);
        List<String> keys = new ArrayList<>();
        String whileReading;
        try (CustomerCursor cursor = new RunCustomers(one, Dialect.POSTGRES).sorted(1, true)) {
            for (StoredCustomer c = cursor.next(); c != null; c = cursor.next()) {
                keys.add(c.key());
            }
            whileReading = sameConnection.queryForObject("SHOW enable_indexscan", String.class);
        }

        assertThat(keys).containsExactly("cust_a", "cust_b");
        assertThat(whileReading)
                .as("one sequential read and a sort, not a random fetch per row through the index")
                .isEqualTo("off");
        assertThat(sameConnection.queryForObject("SHOW enable_indexscan", String.class))
                .as("the connection goes back to the pool as it came")
                .isEqualTo("on");
    }

    @Test
    void theOrderedReadLeavesNamesAndEmailsOutWhenNoEventNeedsThemAndKeepsEveryId() {
        customers.append(
                1,
                List.of(
                        new EvaluatedCustomer("cust_b", "cust_b", "crm-b", "Bea", "bea@example.com", 1L, 2L, 0, 2L, 1),
                        new EvaluatedCustomer("crm-a", null, "crm-a", "Adam", "adam@example.com", 4L, 0L, 0, 3L, 1),
                        new EvaluatedCustomer("cust_c", "cust_c", null, null, null, 0L, 8L, 0, 4L, 1)));
        customers.index(1);

        assertThat(read(customers, 1, true))
                .containsExactly(
                        "crm-a|null|crm-a|Adam|adam@example.com|4|0",
                        "cust_b|cust_b|crm-b|Bea|bea@example.com|1|2",
                        "cust_c|cust_c|null|null|null|0|8");
        assertThat(read(customers, 1, false))
                .containsExactly(
                        "crm-a|null|crm-a|null|null|4|0",
                        "cust_b|cust_b|crm-b|null|null|1|2",
                        "cust_c|cust_c|null|null|null|0|8");
    }

    /**
     * PostgreSQL's COPY escapes backspace, form feed and vertical tab too (\\b, \\f, \\v), besides tab, line breaks
     * and backslash: a messy export's name with one of them reads back as it was stored, in the ordered read and in
     * lookups alike.
     */
    @Test
    void valuesWithControlCharactersBackslashesAndAnyScriptReadBackAsStored() {
        String name = "Zoë\u000B\b\f\t\\N\r\nŁódź 🙂 \u0001end\\";
        String email = "\\\\back@example.com\t";
        customers.append(
                1,
                List.of(
                        new EvaluatedCustomer("cust_é\\", "cust_é\\", "crm\tb", name, email, 1L, 0L, 0, 2L, 1),
                        new EvaluatedCustomer("crm-a", null, "crm-a", "Adam", null, -1L, Long.MIN_VALUE, 0, 3L, 1)));
        customers.index(1);

        List<String> expected = List.of(
                "crm-a|null|crm-a|Adam|null|-1|" + Long.MIN_VALUE,
                "cust_é\\|cust_é\\|crm\tb|" + name + "|" + email + "|1|0");
        assertThat(read(customers, 1, true)).isEqualTo(expected);
        assertThat(customers.find(1, List.of("cust_é\\")).get("cust_é\\").name())
                .isEqualTo(name);
    }

    @Test
    void theIdIsStoredOnceAndTablesOfEarlierVersionsThatHoldItTwiceReadTheSame() {
        customers.append(
                1,
                List.of(
                        new EvaluatedCustomer("cust_b", "cust_b", "crm-b", "Bea", "bea@example.com", 1L, 0L, 0, 2L, 1),
                        new EvaluatedCustomer("crm-a", null, "crm-a", "Adam", null, 1L, 0L, 0, 3L, 1)));
        customers.index(1);
        assertThat(jdbc.queryForList(
                        "SELECT customer_key || '=' || COALESCE(customer_id, 'NULL') FROM sb_customers_1"
                                + " ORDER BY customer_key",
                        String.class))
                .as("an ID is stored as '' when it is the key, and is NULL when there is none")
                .containsExactly("crm-a=NULL", "cust_b=");
        List<String> expected =
                List.of("crm-a|null|crm-a|Adam|null|1|0", "cust_b|cust_b|crm-b|Bea|bea@example.com|1|0");
        assertThat(read(customers, 1, true)).isEqualTo(expected);
        assertThat(found(1)).isEqualTo(expected);

        // a run stored by an earlier version: the ID itself
        jdbc.update("INSERT INTO sb_run (run_no, run_id, job_name, status, trigger_kind, definition_json,"
                + " input_files_json, output_dir, as_of, created_at) VALUES (2, 'run_two', 'job', 'STARTED', 'MANUAL',"
                + " '{}', '[]', '/tmp', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        customers.create(2);
        jdbc.update("INSERT INTO sb_customers_2 (customer_key, customer_id, source_id, name, email, m0, m1, file_no,"
                + " line, lines) VALUES ('cust_b', 'cust_b', 'crm-b', 'Bea', 'bea@example.com', 1, 0, 0, 2, 1),"
                + " ('crm-a', NULL, 'crm-a', 'Adam', NULL, 1, 0, 0, 3, 1)");
        customers.index(2);
        assertThat(read(customers, 2, true)).isEqualTo(expected);
        assertThat(found(2)).isEqualTo(expected);
    }

    /** The run's customers as a lookup by key and a page of segment bit 0's members give them. */
    private List<String> found(long runNo) {
        List<String> rows = new ArrayList<>();
        customers.find(runNo, List.of("crm-a", "cust_b")).values().stream()
                .sorted(java.util.Comparator.comparing(StoredCustomer::key))
                .forEach(c -> rows.add(line(c)));
        List<String> page = customers.members(runNo, 0, null, null, 10, 0).stream()
                .map(PostgresRunCustomersIntegrationTests::line)
                .toList();
        assertThat(page).as("a page of members").isEqualTo(rows);
        return rows;
    }

    private static String line(StoredCustomer c) {
        return String.join(
                "|",
                c.key(),
                String.valueOf(c.id()),
                String.valueOf(c.sourceId()),
                String.valueOf(c.name()),
                String.valueOf(c.email()),
                String.valueOf(c.m0()),
                String.valueOf(c.m1()));
    }

    /** The run's customers as the ordered read gives them, a line each. */
    static List<String> read(RunCustomers customers, long runNo, boolean contacts) {
        List<String> rows = new ArrayList<>();
        try (CustomerCursor cursor = customers.sorted(runNo, contacts)) {
            for (StoredCustomer c = cursor.next(); c != null; c = cursor.next()) {
                rows.add(line(c));
            }
        }
        return rows;
    }

    @Test
    void anOrderedReadLeftHalfWayLeavesAConnectionTheNextUserCanUse() {
        // more rows than the socket holds: PostgreSQL is still sending when the reader stops (a publish that failed)
        List<EvaluatedCustomer> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(customer("cust_%06d".formatted(i), i + 2));
        }
        customers.append(1, many);
        customers.index(1);
        RunCustomers onOneConnection = new RunCustomers(one, Dialect.POSTGRES);
        try (CustomerCursor cursor = onOneConnection.sorted(1, true)) {
            assertThat(cursor.next()).isNotNull();
        }

        List<String> again = new ArrayList<>();
        try (CustomerCursor cursor = onOneConnection.sorted(1, true)) {
            for (StoredCustomer c = cursor.next(); c != null; c = cursor.next()) {
                again.add(c.key());
            }
        }
        assertThat(again).hasSize(50_000).startsWith("cust_000000").endsWith("cust_049999");
        assertThat(new JdbcTemplate(one).queryForObject("SHOW enable_indexscan", String.class))
                .isEqualTo("on");
    }

    @Test
    void anOrderedReadThatCannotStartStillLeavesTheConnectionPlanningAsBefore() {
        RunCustomers onOneConnection = new RunCustomers(one, Dialect.POSTGRES);

        assertThatThrownBy(() -> onOneConnection.sorted(2, true))
                .hasMessageContaining("reading the customers of run 2 failed");
        assertThat(new JdbcTemplate(one).queryForObject("SHOW enable_indexscan", String.class))
                .isEqualTo("on");
    }

    private static EvaluatedCustomer customer(String id, long line) {
        return new EvaluatedCustomer(id, id, "crm-" + id, "Name " + id, null, 1L, 0L, 0, line, 1);
    }

    private int uniqueIndexes() {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                        + " WHERE t.relname = 'sb_customers_1' AND i.indisunique",
                Integer.class);
        return count == null ? 0 : count;
    }

    private List<String> keysInOrder() {
        List<Long> lines = jdbc.queryForList("SELECT line FROM sb_customers_1 ORDER BY customer_key", Long.class);
        List<String> keys = new ArrayList<>();
        try (CustomerCursor cursor = customers.sorted(1, true)) {
            int i = 0;
            for (StoredCustomer c = cursor.next(); c != null; c = cursor.next()) {
                keys.add(c.key() + "@" + lines.get(i++));
            }
        }
        return keys;
    }
}
