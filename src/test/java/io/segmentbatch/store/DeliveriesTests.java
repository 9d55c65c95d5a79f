package io.segmentbatch.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Redelivery of dead deliveries, on an in-memory H2 database with the real schema. */
class DeliveriesTests {
    private JdbcTemplate jdbc;
    private Deliveries deliveries;

    @BeforeEach
    void schema() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:deliveries-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/h2", "classpath:io/segmentbatch/store/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        deliveries = new Deliveries(jdbc);
        dead("hook-a", 1);
        dead("hook-b", 2);
    }

    @Test
    void redeliveringWithoutADestinationMakesTheDeadDeliveriesOfEveryDestinationPending() {
        List<Deliveries.DeliveryKey> redelivered = deliveries.redeliver(null, List.of(), Instant.now());

        assertThat(redelivered)
                .containsExactlyInAnyOrder(
                        new Deliveries.DeliveryKey("hook-a", 1, "evt_1"),
                        new Deliveries.DeliveryKey("hook-b", 2, "evt_2"));
        assertThat(states()).containsExactly("PENDING", "PENDING");
        assertThat(deliveries.states(redelivered)).containsExactly(java.util.Map.entry("PENDING", 2L));
        assertThat(deliveries.redeliver(null, List.of(), Instant.now()))
                .as("none is dead any more")
                .isEmpty();
    }

    @Test
    void redeliveringForOneDestinationLeavesTheOthersDead() {
        List<Deliveries.DeliveryKey> redelivered = deliveries.redeliver("hook-a", List.of(), Instant.now());

        assertThat(redelivered).containsExactly(new Deliveries.DeliveryKey("hook-a", 1, "evt_1"));
        assertThat(states()).containsExactly("PENDING", "DEAD");
    }

    @Test
    void theDestinationsAndTheStatesOfEventsAreThoseOfTheDeliveries() {
        deliveries.redeliver("hook-a", List.of("evt_1"), Instant.now());

        assertThat(deliveries.destinations()).containsExactly("hook-a", "hook-b");
        assertThat(deliveries.statesOfEvents(null, List.of("evt_1", "evt_2", "evt_9")))
                .containsExactly(
                        java.util.Map.entry("evt_1", List.of("PENDING")),
                        java.util.Map.entry("evt_2", List.of("DEAD")));
        assertThat(deliveries.statesOfEvents("hook-a", List.of("evt_2"))).isEmpty();
    }

    private void dead(String destination, long seq) {
        jdbc.update(
                "INSERT INTO sb_delivery (dest_key, event_seq, event_id, run_id, event_type, state, tries,"
                        + " next_attempt_at, last_error, updated_at) VALUES (?, ?, ?, 'run_1', 'customer.segment.entered', 'DEAD',"
                        + " 5, CURRENT_TIMESTAMP, 'HTTP 500', CURRENT_TIMESTAMP)",
                destination,
                seq,
                "evt_" + seq);
    }

    private List<String> states() {
        return jdbc.queryForList("SELECT state FROM sb_delivery ORDER BY dest_key", String.class);
    }
}
