package io.segmentbatch.destination;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.ServeFixtures.Response;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serve mode's dispatcher and {@code /v1/deliveries}: events a {@code run} process left pending are delivered once
 * {@code serve} starts; events that ran out of tries are listed as dead and redelivered over the API.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveriesServeIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("deliveries-");

    @Test
    void serveDeliversWhatAProcessLeftPendingAndRedeliversDeadEventsOverTheApi(CapturedOutput output) throws Exception {
        System.setProperty(WebhookDestinationIntegrationTests.SECRET_ENV, WebhookDestinationIntegrationTests.SECRET);
        String database = ServeFixtures.h2Url("deliveries");
        try (WebhookReceiver first = new WebhookReceiver(WebhookDestinationIntegrationTests.SECRET);
                WebhookReceiver second = new WebhookReceiver(WebhookDestinationIntegrationTests.SECRET)) {
            String leftName = RunFixtures.uniqueJobName("left");
            Path leftJob = PushFixtures.job(
                    leftName,
                    PushFixtures.input(FOLDER, leftName + ".csv"),
                    FOLDER,
                    WebhookDestinationIntegrationTests.webhook(
                            first.url(),
                            "\"retry\": {\"max_tries\": 10, \"first_delay\": \"PT0.2S\", \"max_delay\": \"PT0.4S\"}"));
            assertThat(Cli.execute(
                            "run",
                            leftJob.toString(),
                            "--output",
                            FOLDER.resolve("out").toString(),
                            "--spring.datasource.url=" + database,
                            "--spring.datasource.username=sa",
                            "--spring.datasource.password="))
                    .as("the run completes though its webhook is down")
                    .isZero();
            long left;
            try (var runs = Files.list(FOLDER.resolve("out").resolve(leftName))) {
                Path runFolder = runs.findFirst().orElseThrow();
                left = Files.readAllLines(runFolder.resolve("events.ndjson")).size();
            }
            assertThat(left).isGreaterThan(3);
            first.up();

            Path jobs = Files.createDirectories(FOLDER.resolve("jobs"));
            String deadName = RunFixtures.uniqueJobName("dead");
            String destination = deadName + "-hook";
            PushFixtures.job(
                    deadName,
                    PushFixtures.input(FOLDER, deadName + ".csv"),
                    jobs,
                    WebhookDestinationIntegrationTests.webhook(
                            second.url(),
                            "\"name\": \"" + destination
                                    + "\", \"retry\": {\"max_tries\": 2, \"first_delay\": \"PT0.1S\", \"max_delay\": \"PT0.1S\"}"));
            try (ConfigurableApplicationContext serve = ServeFixtures.serve(
                    jobs,
                    FOLDER.resolve("out"),
                    database,
                    "--segment-batch.destinations.poll-interval=200ms",
                    "--spring.rabbitmq.port=1")) {
                int port = ServeFixtures.port(serve);
                ServeFixtures.await(
                        Duration.ofSeconds(30),
                        "serve delivers the events the run process left pending",
                        () -> first.envelopes.size() >= left);
                assertThat(first.eventIds()).hasSize((int) left).doesNotHaveDuplicates();
                assertThat(first.badSignatures).isEmpty();

                Response launched = ServeFixtures.call(port, "POST", "/v1/jobs/" + deadName + "/runs", "{}");
                assertThat(launched.status()).as(launched.raw().body()).isEqualTo(202);
                String path = "/v1/deliveries?state=dead&destination=" + destination + "&limit=100";
                String pending = "/v1/deliveries?state=pending&destination=" + destination;
                ServeFixtures.await(
                        Duration.ofSeconds(30),
                        "the events are dead after two tries",
                        () -> ServeFixtures.call(port, "GET", path, null)
                                                .body()
                                                .get("total")
                                                .asInt()
                                        > 0
                                && ServeFixtures.call(port, "GET", pending, null)
                                                .body()
                                                .get("total")
                                                .asInt()
                                        == 0);
                JsonNode dead = ServeFixtures.call(port, "GET", path, null).body();
                int count = dead.get("total").asInt();
                // the backlog gauge counts what waits: nothing pending now (the rest is dead)
                String scrape = ServeFixtures.callText(port, "GET", "/actuator/prometheus")
                        .raw()
                        .body();
                assertThat(scrape)
                        .containsPattern("(?m)^segment_batch_delivery_backlog\\{[^}]*destination=\""
                                + java.util.regex.Pattern.quote(destination) + "\"[^}]*} 0\\.0$");
                assertThat(dead.get("deliveries")).hasSize(count);
                assertThat(dead.at("/deliveries/0/state").asString()).isEqualTo("dead");
                assertThat(dead.at("/deliveries/0/tries").asInt()).isEqualTo(2);
                assertThat(dead.at("/deliveries/0/last_error").asString()).contains("cannot connect");
                assertThat(output.getOut())
                        .as("the events' death is a WARN that says how to send them again")
                        .containsPattern("WARN .*deliveries to " + java.util.regex.Pattern.quote(destination)
                                + ": \\d+ event\\(s\\) are dead after 2 tries")
                        .contains("segment-batch deliveries redeliver --destination " + destination);

                assertThat(ServeFixtures.call(port, "GET", path, null, null, null)
                                .status())
                        .isEqualTo(401);
                Response bad = ServeFixtures.call(port, "GET", "/v1/deliveries?state=lost", null);
                assertThat(bad.status()).isEqualTo(400);
                assertThat(bad.body().get("key").asString()).isEqualTo("invalid_state");
                Response typo = ServeFixtures.call(port, "GET", "/v1/deliveries?destination=nope", null);
                assertThat(typo.status())
                        .as("a destination no delivery has and no job names")
                        .isEqualTo(400);
                assertThat(typo.body().get("key").asString()).isEqualTo("invalid_destination");
                assertThat(typo.body().get("details").asString())
                        .startsWith("destination: no delivery has the destination 'nope'");
                Response broken = ServeFixtures.call(port, "POST", "/v1/deliveries/redeliver", "{\"destination\": [");
                assertThat(broken.status()).isEqualTo(400);
                assertThat(broken.body().get("key").asString()).isEqualTo("invalid_payload");
                assertThat(broken.body().get("details").asString())
                        .contains("not valid JSON", "line 1")
                        .doesNotContain("Source", "REDACTED");

                // a misspelled key, destination or event ID is refused, and nothing becomes pending
                Response misspelled =
                        ServeFixtures.call(port, "POST", "/v1/deliveries/redeliver", "{\"event_id\": [\"evcus_x\"]}");
                assertThat(misspelled.status()).isEqualTo(400);
                assertThat(misspelled.body().get("details").asString())
                        .isEqualTo("$.event_id: unknown property (expected destination, event_ids)");
                Response nowhere =
                        ServeFixtures.call(port, "POST", "/v1/deliveries/redeliver", "{\"destination\": \"nope\"}");
                assertThat(nowhere.status()).isEqualTo(400);
                assertThat(nowhere.body().get("key").asString()).isEqualTo("invalid_destination");
                assertThat(nowhere.body().get("details").asString())
                        .startsWith("$.destination: no delivery has the destination 'nope'; destinations with"
                                + " deliveries: ")
                        .contains(destination);
                String deadEvent = dead.at("/deliveries/0/event_id").asString();
                Response unknownEvent = ServeFixtures.call(
                        port,
                        "POST",
                        "/v1/deliveries/redeliver",
                        "{\"event_ids\": [\"" + deadEvent + "\", \"evcus_nope\"]}");
                assertThat(unknownEvent.status()).isEqualTo(400);
                assertThat(unknownEvent.body().get("details").asString())
                        .isEqualTo("$.event_ids: event evcus_nope has no delivery; nothing was redelivered");
                Response noneNamed =
                        ServeFixtures.call(port, "POST", "/v1/deliveries/redeliver", "{\"event_ids\": []}");
                assertThat(noneNamed.status())
                        .as("an empty list is not 'every dead delivery'")
                        .isEqualTo(400);
                assertThat(noneNamed.body().get("details").asString()).startsWith("$.event_ids: empty;");
                assertThat(ServeFixtures.call(port, "GET", "/v1/deliveries?state=dead&destination=" + destination, null)
                                .body()
                                .get("total")
                                .asInt())
                        .as("nothing was made pending")
                        .isEqualTo(count);

                second.up();
                Response redelivered = ServeFixtures.call(
                        port, "POST", "/v1/deliveries/redeliver", "{\"destination\": \"" + destination + "\"}");
                assertThat(redelivered.status()).isEqualTo(200);
                assertThat(redelivered.body().get("redelivered").asInt()).isEqualTo(count);
                ServeFixtures.await(
                        Duration.ofSeconds(30),
                        "the redelivered events arrive",
                        () -> second.envelopes.size() >= count);
                assertThat(second.badSignatures).isEmpty();
                assertThat(ServeFixtures.call(
                                        port, "GET", "/v1/deliveries?state=delivered&destination=" + destination, null)
                                .body()
                                .get("total")
                                .asInt())
                        .isEqualTo(count);
                assertThat(ServeFixtures.call(port, "GET", "/actuator/health", null)
                                .body()
                                .get("status")
                                .asString())
                        .as("no broker (port 1), no job using one: health stays UP")
                        .isEqualTo("UP");
            }
        }
    }
}
