package io.segmentbatch.destination;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default ({@code segment-batch.events.outbox=destinations}) the outbox holds the events that the job's
 * destinations deliver, and {@code events.ndjson} every event.
 */
@SpringBootTest(properties = "spring.main.web-application-type=none")
@ContextConfiguration(initializers = TestDatabases.H2.class)
class OutboxScopeIntegrationTests {
    private static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    private static final Path FOLDER = ServeFixtures.tempFolder("outbox-scope-");

    @Autowired
    RunLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void secret() {
        System.setProperty(WebhookDestinationIntegrationTests.SECRET_ENV, WebhookDestinationIntegrationTests.SECRET);
    }

    @Test
    void aJobWithoutEventDestinationsWritesItsEventsToTheFileOnly() {
        String name = RunFixtures.uniqueJobName("no-destination");
        RunOutcome run = run(PushFixtures.job(name, PushFixtures.input(FOLDER, name + ".csv"), FOLDER), null);

        assertThat(RunFixtures.lines(run.runFolder().resolve("events.ndjson"))).hasSizeGreaterThan(3);
        assertThat(outbox(run)).isEmpty();
    }

    @Test
    void theOutboxHoldsTheEventTypesTheDestinationsDeliver() {
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookDestinationIntegrationTests.SECRET)) {
            receiver.up();
            String name = RunFixtures.uniqueJobName("left-only");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + "-1.csv"),
                    FOLDER,
                    WebhookDestinationIntegrationTests.webhook(
                            receiver.url(), "\"events\": [\"customer.segment.left\"]"));
            RunOutcome first = run(job, null);
            assertThat(RunFixtures.lines(first.runFolder().resolve("events.ndjson")))
                    .isNotEmpty()
                    .allMatch(line -> line.contains("\"customer.segment.entered\""));
            assertThat(outbox(first))
                    .as("entered events: no destination takes them")
                    .isEmpty();

            RunOutcome second = run(
                    job,
                    PushFixtures.input(FOLDER, name + "-2.csv", "Warsaw", "Gdańsk")
                            .toString());
            List<String> left = RunFixtures.lines(second.runFolder().resolve("events.ndjson")).stream()
                    .filter(line -> line.contains("\"customer.segment.left\""))
                    .map(line -> line.substring("{\"id\":\"".length(), line.indexOf("\",")))
                    .toList();
            assertThat(left).isNotEmpty();
            assertThat(outbox(second)).containsExactlyInAnyOrderElementsOf(left);
            assertThat(receiver.eventIds()).containsExactlyInAnyOrderElementsOf(left);
        }
    }

    private List<String> outbox(RunOutcome run) {
        return jdbc.queryForList("SELECT id FROM sb_event WHERE run_id = ?", String.class, run.runId());
    }

    private RunOutcome run(Path job, String input) {
        RunOutcome outcome = launcher.run(new RunRequest(
                new JobDefinitionLoader().load(job), input, FOLDER.resolve("out"), AS_OF, Trigger.MANUAL));
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        return outcome;
    }
}
