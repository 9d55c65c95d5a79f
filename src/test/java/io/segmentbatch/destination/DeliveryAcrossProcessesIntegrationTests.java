package io.segmentbatch.destination;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.store.JobLocks;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries when more than one process shares the database, as in production: {@code serve}'s dispatcher and a
 * {@code run} beside it both find the run's destinations unfinished, and only one of them may work on a destination
 * at a time. And {@code serve} stopping while a call is in flight: the call ends, its outcome is recorded, nothing
 * else is sent, and the database stays usable.
 */
class DeliveryAcrossProcessesIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("across-");
    private static ConfigurableApplicationContext remote;
    private static int remotePort;

    @BeforeAll
    static void startRemote() {
        PushFixtures.credentials();
        System.setProperty(WebhookDestinationIntegrationTests.SECRET_ENV, WebhookDestinationIntegrationTests.SECRET);
        remote = ServeFixtures.serve(
                PushFixtures.remoteJobs(FOLDER), FOLDER.resolve("remote-out"), ServeFixtures.h2Url("across-remote"));
        remotePort = ServeFixtures.port(remote);
    }

    @AfterAll
    static void stopRemote() {
        remote.close();
    }

    @Test
    void onH2ARunBesideServeDeliversEachEventOnceAndCreatesEachSegmentOnce() throws Exception {
        runBesideServe(ServeFixtures.h2Url("across"), "sa", "");
    }

    @Test
    void onPostgresARunBesideServeDeliversEachEventOnceAndCreatesEachSegmentOnce() throws Exception {
        TestDatabases.requirePostgres();
        runBesideServe(
                TestDatabases.freshPostgresDatabase("across"),
                TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
    }

    private void runBesideServe(String database, String user, String password) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookDestinationIntegrationTests.SECRET);
                FaultyProxy proxy = new FaultyProxy("http://127.0.0.1:" + remotePort)) {
            receiver.up();
            // slow enough that serve's dispatcher (every 50 ms) finds the run's destinations unfinished many times
            receiver.delayMillis = 40;
            proxy.delayAfterForwardMillis = 150;
            String name = RunFixtures.uniqueJobName("beside");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    PushFixtures.voucherify(proxy.url(), "\"concurrency\": 1, \"requests_per_minute\": 6000"),
                    WebhookDestinationIntegrationTests.webhook(receiver.url(), ""));
            Set<String> before = PushFixtures.remoteStaticSegments(remotePort).keySet();
            Path output = FOLDER.resolve("out-" + name);
            // what each process says of its deliveries: a second process working on the same destination shows as
            // duplicate calls, or as a push failing on the rows the other one planned
            Logger logger = (Logger) LoggerFactory.getLogger(Destinations.class);
            ListAppender<ILoggingEvent> said = new ListAppender<>();
            said.start();
            logger.addAppender(said);
            try (ConfigurableApplicationContext serve = ServeFixtures.serveAs(
                    // a job serve never runs: the run comes from the other process
                    PushFixtures.remoteJobs(Files.createDirectories(FOLDER.resolve("serve-" + name))),
                    FOLDER.resolve("serve-out-" + name),
                    database,
                    user,
                    password,
                    "--segment-batch.destinations.poll-interval=50ms",
                    "--spring.rabbitmq.port=1")) {
                int exit = Cli.execute(
                        "run",
                        job.toString(),
                        "--output",
                        output.toString(),
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password);
                assertThat(exit).isEqualTo(Cli.COMPLETED);
                Path runFolder = onlyRunFolder(output.resolve(name));
                long events =
                        Files.readAllLines(runFolder.resolve("events.ndjson")).size();
                assertThat(events).isGreaterThan(3);
                ServeFixtures.await(
                        Duration.ofSeconds(60),
                        "every event arrives and the push is done",
                        () -> receiver.envelopes.size() >= events
                                && "DONE"
                                        .equals(RunFixtures.json(runFolder.resolve("report.json"))
                                                .at("/destinations/0/status")
                                                .asString()));
                // whatever a second sender would send comes within a few of its polls
                Thread.sleep(500);
                assertThat(receiver.eventIds()).hasSize((int) events).doesNotHaveDuplicates();

                JsonNode report = RunFixtures.json(runFolder.resolve("report.json"));
                Map<String, String> current = PushFixtures.remoteIds(report);
                Map<String, String> remoteNow = new HashMap<>(PushFixtures.remoteStaticSegments(remotePort));
                remoteNow.keySet().removeAll(before);
                assertThat(remoteNow.keySet())
                        .as("exactly the run's static segments, once each")
                        .containsExactlyInAnyOrderElementsOf(current.values());
                assertThat(proxy.count("POST"))
                        .as("one create per static segment, by one of the two processes")
                        .isEqualTo(current.size());
                assertThat(said.list.stream()
                                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                                .map(ILoggingEvent::getFormattedMessage)
                                .filter(message -> message.contains(name)))
                        .as("no delivery failed")
                        .isEmpty();
            } finally {
                logger.detachAppender(said);
            }
        }
    }

    @Test
    void pushLeavesADestinationThatAnotherProcessHoldsAndSaysItIsNotDone() throws Exception {
        String database = ServeFixtures.h2Url("across-push");
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookDestinationIntegrationTests.SECRET)) {
            receiver.up();
            String name = RunFixtures.uniqueJobName("held-hook");
            String destination = name + "-hook";
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    WebhookDestinationIntegrationTests.webhook(receiver.url(), "\"name\": \"" + destination + "\""));
            Path output = FOLDER.resolve("out-" + name);
            String[] db = {
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=sa",
                "--spring.datasource.password="
            };
            assertThat(Cli.execute(concat(new String[] {"run", job.toString(), "--output", output.toString()}, db)))
                    .isEqualTo(Cli.COMPLETED);
            String runId = onlyRunFolder(output.resolve(name)).getFileName().toString();
            int sent = receiver.requests;
            assertThat(sent).isPositive();

            try (ConfigurableApplicationContext other = ServeFixtures.serve(
                            PushFixtures.remoteJobs(Files.createDirectories(FOLDER.resolve("other-" + name))),
                            FOLDER.resolve("other-out-" + name),
                            database,
                            "--spring.rabbitmq.port=1");
                    JobLocks.Held held = other.getBean(JobLocks.class)
                            .tryLockDestination(destination)
                            .orElseThrow()) {
                assertThat(Cli.execute(concat(
                                new String[] {"push", runId, "--segment-batch.destinations.busy-wait=300ms"}, db)))
                        .as("left to the process that holds the destination: not done")
                        .isEqualTo(Cli.FAILED);
            }
            assertThat(Cli.execute(concat(new String[] {"push", runId}, db)))
                    .as("once the lock is free, the push goes through (nothing is due: done)")
                    .isEqualTo(Cli.COMPLETED);
            assertThat(receiver.requests).as("no event sent twice").isEqualTo(sent);
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void serveStoppingDuringACallRecordsItsOutcomeSendsNothingMoreAndLeavesTheDatabaseUsable() throws Exception {
        // a file database: an interrupted write closes an H2 file, which an in-memory database would not show
        Path data = Files.createDirectories(FOLDER.resolve("stop-db"));
        String database = "jdbc:h2:file:" + data.resolve("segment-batch") + ";MODE=PostgreSQL;AUTO_SERVER=TRUE";
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookDestinationIntegrationTests.SECRET)) {
            receiver.up();
            receiver.delayMillis = 1500;
            Path jobs = Files.createDirectories(FOLDER.resolve("stop-jobs"));
            String name = RunFixtures.uniqueJobName("stop");
            PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    jobs,
                    WebhookDestinationIntegrationTests.webhook(receiver.url(), ""));
            try (ConfigurableApplicationContext serve = ServeFixtures.serve(
                    jobs,
                    FOLDER.resolve("stop-out"),
                    database,
                    "--segment-batch.destinations.poll-interval=200ms",
                    "--spring.rabbitmq.port=1")) {
                int port = ServeFixtures.port(serve);
                ServeFixtures.Response launched = ServeFixtures.call(port, "POST", "/v1/jobs/" + name + "/runs", "{}");
                assertThat(launched.status()).as(launched.raw().body()).isEqualTo(202);
                ServeFixtures.await(Duration.ofSeconds(30), "a first event is on its way", () -> receiver.requests > 0);
            }
            int received = receiver.envelopes.size();
            assertThat(received).isPositive();

            List<String> states = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(database, "sa", "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT state, tries, last_error FROM sb_delivery ORDER BY event_seq")) {
                while (rows.next()) {
                    states.add(rows.getString(1) + "/" + rows.getInt(2) + "/" + rows.getString(3));
                }
                try (ResultSet run =
                        statement.executeQuery("SELECT status FROM sb_run WHERE job_name = '" + name + "'")) {
                    assertThat(run.next()).isTrue();
                    assertThat(run.getString(1)).isEqualTo("COMPLETED");
                }
            }
            assertThat(states.size()).isGreaterThan(received);
            assertThat(states.subList(0, received))
                    .as("what the webhook took is recorded as delivered, one try each")
                    .allMatch(state -> state.equals("DELIVERED/1/null"));
            assertThat(states.subList(received, states.size()))
                    .as("nothing else was tried: no 'interrupted' try counted")
                    .allMatch(state -> state.equals("PENDING/0/null"));
        }
    }

    private static Path onlyRunFolder(Path jobFolder) throws Exception {
        try (var runs = Files.list(jobFolder)) {
            List<Path> folders = runs.filter(Files::isDirectory).toList();
            assertThat(folders).hasSize(1);
            return folders.get(0);
        }
    }
}
