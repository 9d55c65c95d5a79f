package io.segmentbatch.store;

import io.segmentbatch.segment.CustomerCursor;
import io.segmentbatch.segment.StoredCustomer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class H2MigrationIntegrationTests extends AbstractMigrationIntegrationTests {
    private final DataSource dataSource =
            dataSource("jdbc:h2:mem:migration-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    String vendor() {
        return "h2";
    }

    /**
     * A run stored in the shape before V36 on H2 (key, sort key and ID as three strings, a covering index) is read after the
     * upgrade as it was written: the same customers, IDs and order, identities beyond U+FFFF included.
     */
    @Test
    void aRunStoredWithKeyAndIdAsStringsIsReadAsBefore() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "35").migrate();
        jdbc.execute("CREATE TABLE sb_customers_7 (customer_key VARCHAR NOT NULL, sort_key VARCHAR NOT NULL,"
                + " customer_id TEXT, source_id TEXT, name TEXT, email TEXT, m0 BIGINT NOT NULL, m1 BIGINT NOT NULL,"
                + " file_no INTEGER NOT NULL, line BIGINT NOT NULL, lines INTEGER NOT NULL)");
        String emoji = "cust_\uD83D\uDE00";
        String privateUse = "cust_\uE000";
        jdbc.update(
                "INSERT INTO sb_customers_7 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                emoji,
                emoji,
                emoji,
                "crm-1",
                "Ela",
                "ela@example.com",
                5L,
                1L,
                0,
                2L,
                1,
                privateUse,
                "cust_\uD800",
                privateUse,
                null,
                "Ida",
                null,
                1L,
                0L,
                0,
                3L,
                1,
                "crm-9",
                "crm-9",
                null,
                "crm-9",
                "Jan",
                "jan@example.com",
                2L,
                0L,
                0,
                4L,
                2);
        jdbc.execute("CREATE INDEX sb_customers_7_key ON sb_customers_7"
                + " (sort_key, customer_key, customer_id, source_id, name, email, m0, m1)");
        storedRun(jdbc, 7);

        flyway(dataSource, null).migrate();

        RunCustomers customers = new RunCustomers(dataSource, Dialect.H2);
        assertThat(sorted(customers, 7, true))
                .as("identity order is code point order: U+E000 before U+1F600 (whose sort key V13 left unmapped)")
                .containsExactly(
                        new StoredCustomer("crm-9", null, "crm-9", "Jan", "jan@example.com", 2L, 0L),
                        new StoredCustomer(privateUse, privateUse, null, "Ida", null, 1L, 0L),
                        new StoredCustomer(emoji, emoji, "crm-1", "Ela", "ela@example.com", 5L, 1L));
        assertThat(customers.find(7, emoji).email()).isEqualTo("ela@example.com");
        assertThat(customers.members(7, 0, null, null, 10, 0))
                .extracting(StoredCustomer::key)
                .containsExactly(privateUse, emoji);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM information_schema.indexes WHERE index_name = 'SB_CUSTOMERS_7_KEY'",
                        Integer.class))
                .as("the index is made again in the new shape")
                .isEqualTo(1);
    }

    /**
     * A run stored in the shape V36 made (whether the key is the ID, {@code source_id}, name and email as four columns,
     * a covering index) is read after the upgrade as it was written, with and without contacts, and its index is
     * made again over the new shape.
     */
    @Test
    void aRunStoredWithFourContactColumnsIsReadAsBefore() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "37").migrate();
        jdbc.execute("CREATE TABLE sb_customers_8 (sort_key VARCHAR NOT NULL, has_id BOOLEAN NOT NULL,"
                + " source_id TEXT, name TEXT, email TEXT, m0 BIGINT NOT NULL, m1 BIGINT NOT NULL,"
                + " file_no INTEGER NOT NULL, line BIGINT NOT NULL, lines INTEGER NOT NULL)");
        jdbc.update(
                "INSERT INTO sb_customers_8 VALUES (?, TRUE, ?, ?, ?, 5, 1, 0, 2, 1), (?, FALSE, ?, ?, NULL, 2, 0, 0, 3, 2),"
                        + " (?, TRUE, NULL, '', ?, 1, 0, 1, 2, 1)",
                "cust_b",
                "crm-1",
                "Żaneta",
                "zaneta@example.com",
                "crm-9",
                "crm-9",
                "Jan",
                "cust_a",
                "a@example.com");
        jdbc.execute(
                "CREATE INDEX sb_customers_8_key ON sb_customers_8 (sort_key, has_id, source_id, name, email, m0, m1)");
        storedRun(jdbc, 8);

        flyway(dataSource, null).migrate();

        RunCustomers customers = new RunCustomers(dataSource, Dialect.H2);
        assertThat(sorted(customers, 8, true))
                .containsExactly(
                        new StoredCustomer("crm-9", null, "crm-9", "Jan", null, 2L, 0L),
                        new StoredCustomer("cust_a", "cust_a", null, "", "a@example.com", 1L, 0L),
                        new StoredCustomer("cust_b", "cust_b", "crm-1", "Żaneta", "zaneta@example.com", 5L, 1L));
        assertThat(sorted(customers, 8, false))
                .containsExactly(
                        new StoredCustomer("crm-9", null, "crm-9", null, null, 2L, 0L),
                        new StoredCustomer("cust_a", "cust_a", null, null, null, 1L, 0L),
                        new StoredCustomer("cust_b", "cust_b", "crm-1", null, null, 5L, 1L));
        assertThat(customers.find(8, "crm-9").name()).isEqualTo("Jan");
        assertThat(customers.members(8, 0, "cust_a", null, 10, 0))
                .extracting(StoredCustomer::key)
                .containsExactly("cust_a", "cust_b");
        assertThat(jdbc.queryForList(
                        "SELECT column_name FROM information_schema.index_columns WHERE index_name = 'SB_CUSTOMERS_8_KEY'"
                                + " ORDER BY ordinal_position",
                        String.class))
                .as("the index is made again in the new shape")
                .containsExactly("SORT_KEY", "M0", "M1", "CONTACT");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'SB_CUSTOMERS_8'",
                        Integer.class))
                .isEqualTo(7);
    }

    /** A completed run whose customers are stored in {@code sb_customers_<runNo>}. */
    private static void storedRun(JdbcTemplate jdbc, long runNo) {
        jdbc.update(
                "INSERT INTO sb_run (run_no, run_id, job_name, status, trigger_kind, definition_json, input_files_json,"
                        + " output_dir, as_of, created_at, stored) VALUES (?, ?, 'old', 'COMPLETED', 'MANUAL', '{}', '[]',"
                        + " '/tmp', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE)",
                runNo,
                "run_" + runNo);
    }

    private static List<StoredCustomer> sorted(RunCustomers customers, long runNo, boolean contacts) {
        List<StoredCustomer> sorted = new ArrayList<>();
        try (CustomerCursor cursor = customers.sorted(runNo, contacts)) {
            for (StoredCustomer c = cursor.next(); c != null; c = cursor.next()) {
                sorted.add(c);
            }
        }
        return sorted;
    }
}
