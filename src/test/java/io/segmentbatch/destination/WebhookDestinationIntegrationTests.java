package io.segmentbatch.destination;

import io.segmentbatch.H2BatchTest;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.store.Trigger;
import io.segmentbatch.trigger.Cli;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs whose job has a webhook destination, delivered over real HTTP to a receiver that checks every signature. */
@H2BatchTest
class WebhookDestinationIntegrationTests {
    static final String SECRET_ENV = "SBT_WEBHOOK_SECRET";
    static final String SECRET = "whsec-test-0123456789";
    private static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    private static final Path FOLDER = ServeFixtures.tempFolder("webhook-");

    @BeforeAll
    static void secret() {
        System.setProperty(SECRET_ENV, SECRET);
    }

    @Autowired
    RunLauncher launcher;

    @Autowired
    Destinations destinations;

    @Autowired
    JdbcTemplate jdbc;

    static String webhook(String url, String extra) {
        return "{\"type\": \"webhook\", \"url\": \"" + url + "\", \"secret_env\": \"" + SECRET_ENV + "\""
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @Test
    void everyEventArrivesSignedInVoucherifysEnvelopeAlsoAfterTheReceiverWasDown() {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            String name = RunFixtures.uniqueJobName("hooks");
            RunOutcome run = run(PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    webhook(
                            receiver.url(),
                            "\"retry\": {\"max_tries\": 6, \"first_delay\": \"PT0.2S\", \"max_delay\": \"PT0.4S\"}")));
            List<String> events = events(run.runId());
            assertThat(events).hasSizeGreaterThan(3);
            JsonNode report = RunFixtures.json(run.reportFile());
            assertThat(report.at("/destinations/0/status").asString()).isEqualTo("PENDING");
            assertThat(report.at("/destinations/0/events/pending").asInt()).isEqualTo(events.size());
            assertThat(report.at("/destinations/0/error").asString())
                    .as("why they wait")
                    .startsWith(events.size() + " event(s) waiting for their next try (last error: POST ")
                    .contains("cannot connect");
            assertThat(jdbc.queryForList(
                            "SELECT DISTINCT tries FROM sb_delivery WHERE run_id = ?", Integer.class, run.runId()))
                    .as("one try each, while the receiver was down")
                    .containsExactly(1);

            receiver.up();
            ServeFixtures.await(Duration.ofSeconds(20), "every event is delivered", () -> {
                destinations.drainEvents();
                return destinations.countDeliveries("pending", null) == 0;
            });

            assertThat(receiver.badSignatures).isEmpty();
            assertThat(receiver.eventIds()).containsExactlyInAnyOrderElementsOf(events);
            JsonNode envelope = receiver.envelopes.get(0);
            assertThat(envelope.propertyNames())
                    .containsExactly("id", "project_id", "created_at", "type", "data", "source", "event");
            assertThat(envelope.get("id").asString()).startsWith("whs_");
            assertThat(envelope.get("type")).isEqualTo(envelope.at("/event/type"));
            assertThat(envelope.get("data")).isEqualTo(envelope.at("/event/data"));
            String line = jdbc.queryForObject(
                    "SELECT payload FROM sb_event WHERE id = ?",
                    String.class,
                    envelope.at("/event/id").asString());
            assertThat(envelope.get("event"))
                    .isEqualTo(JsonMapper.builder().build().readTree(line));
            JsonNode refreshed = RunFixtures.json(run.reportFile());
            assertThat(refreshed.at("/destinations/0/status").asString()).isEqualTo("DONE");
            assertThat(refreshed.at("/destinations/0/events/delivered").asInt()).isEqualTo(events.size());
        }
    }

    /** jobs/README.md: a secret's variable that is not set fails the destination, with its name, in the report. */
    @Test
    void aSecretsVariableNotSetIsNamedInTheReport() {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            receiver.up();
            String name = RunFixtures.uniqueJobName("nosecret");
            RunOutcome run = run(PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    "{\"type\": \"webhook\", \"url\": \"" + receiver.url() + "\", \"secret_env\":"
                            + " \"SBT_WEBHOOK_SECRET_NOT_SET\", \"retry\": {\"max_tries\": 1}}"));

            JsonNode destination = RunFixtures.json(run.reportFile()).at("/destinations/0");
            assertThat(destination.get("status").asString()).isEqualTo("FAILED");
            assertThat(destination.get("error").asString())
                    .contains("the environment variable SBT_WEBHOOK_SECRET_NOT_SET (the webhook's secret) is not set");
            assertThat(receiver.eventIds()).isEmpty();
        }
    }

    @Test
    void batchModeSendsNdjsonBodiesOfUpToNEvents() {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            receiver.up();
            String name = RunFixtures.uniqueJobName("batch");
            RunOutcome run = run(PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    webhook(receiver.url(), "\"batch_size\": 3, \"events\": [\"customer.segment.entered\"]")));
            List<String> events = events(run.runId());
            assertThat(receiver.badSignatures).isEmpty();
            assertThat(receiver.eventIds()).containsExactlyInAnyOrderElementsOf(events);
            assertThat(receiver.requests).isEqualTo((events.size() + 2) / 3);
            assertThat(RunFixtures.json(run.reportFile())
                            .at("/destinations/0/status")
                            .asString())
                    .isEqualTo("DONE");
        }
    }

    @Test
    void eventsThatRunOutOfTriesAreDeadUntilRedeliveredFromTheCommandLine() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            String name = RunFixtures.uniqueJobName("dead");
            RunOutcome run = run(
                    PushFixtures.job(
                            name,
                            PushFixtures.input(FOLDER, name + ".csv"),
                            FOLDER,
                            webhook(
                                    receiver.url(),
                                    "\"name\": \"" + name
                                            + "-hook\", \"retry\": {\"max_tries\": 2, \"first_delay\": \"PT0.1S\", \"max_delay\": \"PT0.1S\"}")));
            List<String> events = events(run.runId());
            awaitDead(name + "-hook", events.size());
            assertThat(destinations.deliveries("dead", name + "-hook", 1000, 0))
                    .hasSize(events.size())
                    .allSatisfy(row -> assertThat(row.lastError()).contains("cannot connect"));
            JsonNode report = RunFixtures.json(run.reportFile());
            assertThat(report.at("/destinations/0/status").asString()).isEqualTo("FAILED");
            assertThat(report.at("/destinations/0/events/dead").asInt()).isEqualTo(events.size());

            assertThat(Cli.execute(
                            "deliveries",
                            "list",
                            "--limit",
                            "0",
                            "--spring.datasource.url=jdbc:h2:mem:segment-batch-test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                            "--spring.datasource.username=sa",
                            "--spring.datasource.password="))
                    .as("a limit of 0 was taken as 1")
                    .isEqualTo(Cli.USAGE);

            assertThat(cli("deliveries", "list", "--destination", name + "-hok"))
                    .as("a destination no delivery has is a typo, not an empty list")
                    .isEqualTo(Cli.USAGE);
            assertThat(cli("deliveries", "redeliver", "--destination", name + "-hok"))
                    .isEqualTo(Cli.USAGE);
            assertThat(cli("deliveries", "redeliver", "--destination", name + "-hook", "evcus_no_such_event"))
                    .as("an event with no delivery")
                    .isEqualTo(Cli.FAILED);
            assertThat(destinations.countDeliveries("dead", name + "-hook")).isEqualTo(events.size());

            // the receiver still down: every send fails, and the command says so
            assertThat(cli("deliveries", "redeliver", "--destination", name + "-hook", "--send"))
                    .isEqualTo(Cli.FAILED);
            awaitDead(name + "-hook", events.size());

            receiver.up();
            int exit = cli("deliveries", "redeliver", "--destination", name + "-hook", "--send");
            assertThat(exit).isZero();
            assertThat(receiver.eventIds()).containsExactlyInAnyOrderElementsOf(events);
            assertThat(destinations.countDeliveries("delivered", name + "-hook"))
                    .isEqualTo(events.size());
        }
    }

    @Test
    void aDestinationThatHadNoEventYetListsNoDeliveriesWhereAMisspeltOneIsRefused() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            String name = RunFixtures.uniqueJobName("quiet");
            run(PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    webhook(
                            receiver.url(),
                            "\"name\": \"" + name + "-hook\", \"events\": [\"customer.segment.left\"]")));
            assertThat(receiver.eventIds()).as("a first run: nobody left").isEmpty();
            assertThat(destinations.countDeliveries(null, name + "-hook")).isZero();

            assertThat(cli("deliveries", "list", "--destination", name + "-hook"))
                    .as("a job's destination with no delivery yet: an empty list")
                    .isZero();
            assertThat(cli("deliveries", "list", "--destination", name + "-hok"))
                    .as("a destination no job names and no delivery has: a typo")
                    .isEqualTo(Cli.USAGE);
        }
    }

    /**
     * Drains until every event has run out of tries: the second and last try of each is due 0.1 s after the first.
     */
    private void awaitDead(String destination, long events) {
        Awaitility.await("every event has run out of tries")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    destinations.drainEvents();
                    return destinations.countDeliveries("dead", destination) == events;
                });
    }

    private static int cli(String... args) {
        List<String> line = new java.util.ArrayList<>(List.of(args));
        line.addAll(List.of(
                "--spring.datasource.url=jdbc:h2:mem:segment-batch-test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                "--spring.datasource.password="));
        return Cli.execute(line.toArray(String[]::new));
    }

    private List<String> events(String runId) {
        return jdbc.queryForList("SELECT id FROM sb_event WHERE run_id = ?", String.class, runId);
    }

    private RunOutcome run(Path job) {
        RunOutcome outcome = launcher.run(new RunRequest(
                new JobDefinitionLoader().load(job), null, FOLDER.resolve("out"), AS_OF, Trigger.MANUAL));
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        return outcome;
    }
}
