package io.segmentbatch.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox appender stores a run's events in its transaction, in order, paused around other statements. */
abstract class AbstractOutboxTests {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00.120Z");

    private JdbcTemplate jdbc;
    private Outbox outbox;
    private TransactionTemplate transaction;

    abstract DataSource dataSource();

    abstract String vendor();

    @BeforeEach
    void schema() {
        DataSource dataSource = dataSource();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor(), "classpath:io/segmentbatch/store/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        outbox = new Outbox(jdbc, Dialect.of(dataSource));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void storesEveryEventInOrderWithItsPayloadAsWrittenAcrossPauses() {
        List<String> payloads = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            try (Outbox.Appender appender = outbox.appender()) {
                for (int i = 0; i < 30_000; i++) {
                    String payload = "{\"i\":" + i + ",\"name\":\"Zoë \\\"Q\\\" \\\\ \\t 🙂\"}";
                    payloads.add(payload);
                    byte[] bytes = (payload + "trailing bytes past the length").getBytes(StandardCharsets.UTF_8);
                    appender.add(
                            new Outbox.Event(
                                    "evcus_" + i, "run_1", "seg_1", "customer.segment.entered", "cust\t" + i, NOW),
                            bytes,
                            payload.getBytes(StandardCharsets.UTF_8).length);
                    if (i == 20_000) { // after two megabytes went into one COPY
                        appender.pause();
                        // the publisher creates a static segment here, on the same connection
                        jdbc.queryForObject("SELECT COUNT(*) FROM sb_event", Long.class);
                    }
                }
            }
        });

        List<String> stored =
                jdbc.queryForList("SELECT payload FROM sb_event WHERE run_id = 'run_1' ORDER BY seq", String.class);
        assertThat(stored).containsExactlyElementsOf(payloads);
        assertThat(jdbc.queryForObject("SELECT customer_key FROM sb_event WHERE id = 'evcus_29999'", String.class))
                .isEqualTo("cust\t29999");
        assertThat(jdbc.queryForObject("SELECT created_at FROM sb_event WHERE id = 'evcus_0'", java.sql.Timestamp.class)
                        .toInstant())
                .isEqualTo(NOW);
    }

    @Test
    void aRolledBackPublishLeavesNoEvents() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    try (Outbox.Appender appender = outbox.appender()) {
                        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
                        for (int i = 0; i < 3_000; i++) {
                            appender.add(
                                    new Outbox.Event(
                                            "evcus_" + i, "run_2", "seg_1", "customer.segment.left", "c" + i, NOW),
                                    payload,
                                    2);
                        }
                    }
                    throw new IllegalStateException("the publish failed after its events");
                }))
                .hasMessageContaining("the publish failed");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_event WHERE run_id = 'run_2'", Long.class))
                .isZero();
    }
}
