package io.segmentbatch.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.segmentbatch.segment.StoredCustomer;
import io.segmentbatch.segment.StoredSegment;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database holding a run in the old shape (one row per membership, V11) keeps working after the upgrade: the
 * migration converts the run that is its segments' baseline to one row per customer, so its members are served as
 * before and the next run compares against it. Subclasses pick the database.
 */
abstract class AbstractMigrationIntegrationTests {

    abstract DataSource dataSource();

    abstract String vendor();

    /** Creates what the old schema needs for one run's member rows (PostgreSQL: the run's partitions). */
    void prepareOldRun(JdbcTemplate jdbc) {}

    @Test
    void aBaselineRunInTheOldShapeIsConvertedAndServedAsBefore() {
        DataSource dataSource = dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "11").migrate();
        prepareOldRun(jdbc);
        jdbc.update(
                "INSERT INTO sb_run (run_no, run_id, job_name, status, trigger_kind, definition_json, input_files_json,"
                        + " output_dir, as_of, created_at) VALUES (1, 'run_old', 'old', 'COMPLETED', 'MANUAL', '{}', '[]', '/tmp',"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        segment(jdbc, 1, "seg_aaaaaaaaaaaaaaaaaaaaaaaa", "Warsaw", "auto-update", "job", null, 1L);
        segment(jdbc, 2, "seg_bbbbbbbbbbbbbbbbbbbbbbbb", "Big spenders", "passive", "job", null, 1L);
        segment(jdbc, 3, "seg_cccccccccccccccccccccccc", "Warsaw (1/1)", "static", "chunk", 1L, null);
        segment(jdbc, 4, "seg_dddddddddddddddddddddddd", "Beta testers", "static", "job", null, 1L);
        jdbc.update("INSERT INTO sb_run_customer (run_no, customer_key, customer_id, source_id, name, email) VALUES"
                + " (1, 'cust_a', 'cust_a', 'src_a', 'Anna', 'anna@example.com'),"
                + " (1, 'cust_b', 'cust_b', NULL, 'Bartek', NULL),"
                + " (1, 'src_f', NULL, 'src_f', 'Filip', 'filip@example.com')");
        jdbc.update("INSERT INTO sb_run_member (run_no, seg_no, customer_key, source_id, has_id) VALUES"
                + " (1, 1, 'cust_a', 'src_a', TRUE), (1, 1, 'src_f', 'src_f', FALSE), (1, 2, 'cust_b', NULL, TRUE),"
                + " (1, 4, 'cust_a', 'src_a', TRUE)");
        jdbc.update(
                "INSERT INTO sb_run_chunk (run_no, seg_no, parent_no, chunk_no, chunk_count, customers_count, first_key,"
                        + " last_key, file) VALUES (1, 3, 1, 1, 1, 2, 'cust_a', 'src_f', 'segments/seg_cccccccccccccccccccccccc.csv')");

        flyway(dataSource, null).migrate();

        RunCustomers customers = new RunCustomers(dataSource, Dialect.of(dataSource));
        Memberships memberships = new Memberships(jdbc, customers);
        SegmentCatalog catalog = new SegmentCatalog(jdbc);
        assertThat(customers.exists(1)).isTrue();
        assertThat(customers.count(1)).isEqualTo(3);
        assertThat(customers.find(1, "cust_a"))
                .as("a customer's ID and source ID survive every conversion")
                .extracting(StoredCustomer::key, StoredCustomer::id, StoredCustomer::sourceId, StoredCustomer::email)
                .containsExactly("cust_a", "cust_a", "src_a", "anna@example.com");
        assertThat(customers.find(1, "src_f"))
                .extracting(StoredCustomer::key, StoredCustomer::id, StoredCustomer::sourceId)
                .containsExactly("src_f", null, "src_f");
        assertThat(members(memberships, catalog, "seg_aaaaaaaaaaaaaaaaaaaaaaaa"))
                .containsExactly("cust_a", "src_f");
        assertThat(members(memberships, catalog, "seg_bbbbbbbbbbbbbbbbbbbbbbbb"))
                .containsExactly("cust_b");
        assertThat(members(memberships, catalog, "seg_cccccccccccccccccccccccc"))
                .containsExactly("cust_a", "src_f");
        assertThat(members(memberships, catalog, "seg_dddddddddddddddddddddddd"))
                .containsExactly("cust_a");
        assertThat(memberships.segmentsOf("cust_a"))
                .extracting(Memberships.Holding::name)
                .containsExactly("Warsaw", "Warsaw (1/1)", "Beta testers");
        assertThat(memberships.bitOf(1, 1)).isGreaterThanOrEqualTo(0);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'sb_run_member'",
                        Integer.class))
                .as("the old member table is gone")
                .isZero();
    }

    @Test
    void theOutboxKeepsItsEventsAndNoLongerIndexesTheirIds() {
        DataSource dataSource = dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "15").migrate();
        String insert = "INSERT INTO sb_event (id, run_id, segment_id, type, customer_key, created_at, payload)"
                + " VALUES ('evcus_1', 'run_1', 'seg_1', 'customer.segment.entered', 'cust_a', CURRENT_TIMESTAMP, '{}')";
        jdbc.update(insert);
        assertThatThrownBy(() -> jdbc.update(insert))
                .as("before the upgrade an event ID is unique")
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

        flyway(dataSource, null).migrate();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_event WHERE id = 'evcus_1'", Integer.class))
                .isEqualTo(1);
        jdbc.update(insert);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_event WHERE run_id = 'run_1'", Integer.class))
                .as("the constraint is gone: nothing indexes the random IDs any more")
                .isEqualTo(2);
    }

    /**
     * Versions 12 to 16 came after 35 (destinations) but were numbered below it: a database that got 35 first is
     * upgraded out of order ({@link Migrations}) instead of failing Flyway's validation.
     */
    @Test
    void aDatabaseThatGotVersion35BeforeTheVersionsBelowItIsUpgraded() {
        DataSource dataSource = dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "15").migrate();
        // 35 alone: its folder holds no Java migration (16, 36)
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor())
                .ignoreMigrationPatterns("*:missing") // 13, applied, is a Java migration
                .load()
                .migrate();
        assertThat(applied(jdbc)).contains("35").doesNotContain("16", "36");
        Flyway application = flyway(dataSource, null);
        assertThatThrownBy(application::migrate).hasMessageContaining("not applied");

        List<String> warnings = flywayWarnings(() -> Migrations.migrate(application));

        assertThat(applied(jdbc)).contains("15", "16", "35", "36");
        assertThat(warnings).anyMatch(warning -> warning.contains("outOfOrder"));
    }

    /** Flyway warns that a schema migrated out of order "may not be reproducible": not on every start, only then. */
    @Test
    void aDatabaseWithNoVersionLeftBehindIsMigratedInOrderWithoutFlywaysWarning() {
        DataSource dataSource = dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        List<String> fresh = flywayWarnings(() -> Migrations.migrate(flyway(dataSource, "35")));
        List<String> upgrade = flywayWarnings(() -> Migrations.migrate(flyway(dataSource, null)));
        List<String> upToDate = flywayWarnings(() -> Migrations.migrate(flyway(dataSource, null)));

        assertThat(applied(jdbc)).contains("1", "12", "16", "35", "36");
        assertThat(fresh).noneMatch(warning -> warning.contains("outOfOrder"));
        assertThat(upgrade).noneMatch(warning -> warning.contains("outOfOrder"));
        assertThat(upToDate).noneMatch(warning -> warning.contains("outOfOrder"));
    }

    /** What Flyway logged at WARN or above while {@code migration} ran. */
    private static List<String> flywayWarnings(Runnable migration) {
        Logger logger = (Logger) LoggerFactory.getLogger("org.flywaydb");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            migration.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static List<String> applied(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" ORDER BY \"installed_rank\"",
                String.class);
    }

    private static List<String> members(Memberships memberships, SegmentCatalog catalog, String id) {
        StoredSegment segment = catalog.find(id).orElseThrow();
        return memberships.members(segment, 100, 0).members().stream()
                .map(member -> member.id() != null ? member.id() : member.sourceId())
                .toList();
    }

    private static void segment(
            JdbcTemplate jdbc,
            long segNo,
            String id,
            String name,
            String type,
            String origin,
            Long parentNo,
            Long currentRunNo) {
        jdbc.update(
                "INSERT INTO sb_segment (seg_no, id, job_name, name, type, origin, parent_no, chunk_no, created_at,"
                        + " current_run_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, TIMESTAMP '2026-01-01 00:00:0" + segNo
                        + "', ?)",
                segNo,
                id,
                parentNo == null ? "old" : null,
                name,
                type,
                origin,
                parentNo,
                parentNo == null ? null : 1,
                currentRunNo);
    }

    Flyway flyway(DataSource dataSource, String target) {
        var configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations(applicationProperty("spring.flyway.locations")
                        .replace("{vendor}", vendor())
                        .split(","));
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static String applicationProperty(String key) {
        try (var in = AbstractMigrationIntegrationTests.class.getResourceAsStream("/application.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DataSource dataSource(String url, String user, String password) {
        return new DriverManagerDataSource(url, user, password);
    }
}
