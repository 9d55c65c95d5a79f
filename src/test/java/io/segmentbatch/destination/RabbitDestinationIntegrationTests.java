package io.segmentbatch.destination;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.store.Deliveries;
import io.segmentbatch.store.DestinationRuns;
import io.segmentbatch.store.JobLocks;
import io.segmentbatch.store.Trigger;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run whose job has a rabbitmq destination, against the broker at 127.0.0.1:5672: a consumer gets every event. */
@SpringBootTest(
        properties = {
            "spring.main.web-application-type=none",
            "spring.rabbitmq.host=127.0.0.1",
            "spring.rabbitmq.port=5672"
        })
class RabbitDestinationIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("rabbit-");

    @org.junit.jupiter.api.BeforeAll
    static void brokerAnswers() {
        io.segmentbatch.TestBrokers.requireRabbit();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    RunLauncher launcher;

    @Autowired
    Destinations destinations;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobLocks locks;

    @Autowired
    Deliveries deliveries;

    @Autowired
    DestinationRuns destinationRuns;

    @Autowired
    Environment environment;

    @Test
    void aConsumerBoundToTheTopicExchangeGetsEveryEventOfTheRun() {
        try (BoundQueue bound = new BoundQueue("sbt-destinations-")) {
            RunOutcome run = runDelivered(bound, "rabbit", "out");

            List<String> events = events(run.runId());
            List<Message> received = bound.receive(events.size() + 10);
            for (Message message : received) {
                String body = new String(message.getBody(), StandardCharsets.UTF_8);
                assertThat(body)
                        .contains("\"id\":\"" + message.getMessageProperties().getMessageId() + "\"");
                assertThat(message.getMessageProperties().getReceivedRoutingKey())
                        .isEqualTo(message.getMessageProperties().getType())
                        .startsWith("customer.segment.");
                assertThat(message.getMessageProperties().getReceivedDeliveryMode())
                        .isEqualTo(MessageDeliveryMode.PERSISTENT);
            }
            assertThat(events).hasSizeGreaterThan(3);
            assertThat(ids(received)).containsExactlyInAnyOrderElementsOf(events);
        }
    }

    @Test
    void theRunCommandDeliversToTheExchangeBeforeItExits() {
        // the run command leaves RabbitMQ out of its application unless the job has a rabbitmq destination (or runs
        // remotely): this one has, so the command's own application must have connected and sent every event
        try (BoundQueue bound = new BoundQueue("sbt-cli-destinations-")) {
            String name = RunFixtures.uniqueJobName("rabbit-cli");
            int exit = io.segmentbatch.trigger.Cli.execute(
                    "run",
                    bound.job(name).toString(),
                    "--output",
                    FOLDER.resolve("out-cli").toString(),
                    "--as-of",
                    "2026-11-01T12:00:00Z",
                    "--spring.datasource.url=" + TestDatabases.H2_URL,
                    "--spring.datasource.username=sa",
                    "--spring.datasource.password=",
                    "--spring.rabbitmq.host=127.0.0.1",
                    "--spring.rabbitmq.port=5672");

            assertThat(exit).isZero();
            List<String> events =
                    events(jdbc.queryForObject("SELECT run_id FROM sb_run WHERE job_name = ?", String.class, name));
            assertThat(events).hasSizeGreaterThan(3);
            assertThat(ids(bound.receive(events.size() + 10))).containsExactlyInAnyOrderElementsOf(events);
        }
    }

    @Test
    void anEventNoQueueIsBoundForIsRefusedAndTheOthersOfItsBatchAreDelivered() throws CallFailure {
        try (BoundQueue bound = new BoundQueue("sbt-unroutable-", "customer.segment.entered")) {
            CachingConnectionFactory confirming = new CachingConnectionFactory("127.0.0.1", 5672);
            confirming.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
            try {
                RabbitSender sender =
                        new RabbitSender(new RabbitTemplate(confirming), bound.exchange, Duration.ofSeconds(10));
                List<Deliveries.DueEvent> batch = List.of(
                        event(1, "evcus_entered_1", "customer.segment.entered"),
                        event(2, "evcus_left_1", "customer.segment.left"),
                        event(3, "evcus_entered_2", "customer.segment.entered"),
                        event(4, "evcus_left_2", "customer.segment.left"));

                assertThatThrownBy(() -> sender.send(batch)).isInstanceOfSatisfying(CallFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CallFailure.Kind.PERMANENT);
                    assertThat(failure.refused()).containsExactlyInAnyOrder("evcus_left_1", "evcus_left_2");
                    assertThat(failure.getMessage())
                            .isEqualTo("exchange " + bound.exchange + ": no queue is bound for routing key"
                                    + " customer.segment.left, the broker returned the event(s) (bind a"
                                    + " queue, or leave the event type out of the destination's \"events\")");
                });
                assertThat(ids(bound.receive(10))).containsExactlyInAnyOrder("evcus_entered_1", "evcus_entered_2");

                sender.send(List.of(event(5, "evcus_entered_3", "customer.segment.entered")));
                assertThat(ids(bound.receive(10))).containsExactly("evcus_entered_3");
            } finally {
                confirming.destroy();
            }
        }
    }

    @Test
    void aRunsEventsNoQueueIsBoundForAreNotDeliveredUntilOneIs() {
        try (BoundQueue bound = new BoundQueue("sbt-unbound-", "customer.segment.left")) {
            String name = RunFixtures.uniqueJobName("rabbit-unbound");
            RunOutcome run = launcher.run(new RunRequest(
                    new JobDefinitionLoader()
                            .load(bound.job(
                                    name,
                                    "\"retry\": {\"max_tries\": 5, \"first_delay\": \"PT0.1S\", \"max_delay\":"
                                            + " \"PT0.1S\"}")),
                    null,
                    FOLDER.resolve("out-unbound"),
                    Instant.parse("2026-11-01T12:00:00Z"),
                    Trigger.MANUAL));
            List<String> events = events(run.runId());
            assertThat(events).hasSizeGreaterThan(3);
            String destKey = jdbc.queryForObject(
                    "SELECT DISTINCT dest_key FROM sb_delivery WHERE run_id = ?", String.class, run.runId());
            assertThat(deliveries.list(null, destKey, events.size() + 10, 0))
                    .as("a first run's events are all entered ones, and only left ones have a queue")
                    .hasSize(events.size())
                    .allSatisfy(delivery -> {
                        assertThat(delivery.state()).isEqualTo("PENDING");
                        assertThat(delivery.tries()).isEqualTo(1);
                        assertThat(delivery.lastError()).contains("no queue is bound for routing key");
                    });
            assertThat(RunFixtures.json(run.reportFile())
                            .at("/destinations/0/status")
                            .asString())
                    .isNotEqualTo("DONE");

            bound.bind("customer.segment.*");
            Awaitility.await("the events are delivered once a queue is bound for them")
                    .atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ofMillis(150))
                    .pollInterval(Duration.ofMillis(150))
                    .until(() -> {
                        destinations.drainEvents();
                        return destinations.countDeliveries("delivered", destKey) == events.size();
                    });
            assertThat(ids(bound.receive(events.size() + 10))).containsExactlyInAnyOrderElementsOf(events);
        }
    }

    private static Deliveries.DueEvent event(long seq, String id, String type) {
        return new Deliveries.DueEvent(seq, id, "run_x", type, 0, "{\"id\":\"" + id + "\"}");
    }

    @Test
    void aProcessWithoutRabbitMqLeavesTheRabbitMqDeliveriesOfOtherJobsDue() {
        // a one-shot run of a job with no rabbitmq destination starts without RabbitMQ, yet sends every due delivery
        // (of any job) once its own are queued: another job's RabbitMQ deliveries must wait for a process that has it
        try (BoundQueue bound = new BoundQueue("sbt-elsewhere-")) {
            RunOutcome run = runDelivered(bound, "rabbit-elsewhere", "out-elsewhere");
            List<String> events = events(run.runId());
            assertThat(ids(bound.receive(events.size() + 10))).containsExactlyInAnyOrderElementsOf(events);
            // the run's deliveries due again, as if its process had stopped before sending them
            String destKey = jdbc.queryForObject(
                    "SELECT DISTINCT dest_key FROM sb_delivery WHERE run_id = ?", String.class, run.runId());
            jdbc.update("UPDATE sb_delivery SET state = 'DEAD' WHERE dest_key = ?", destKey);
            assertThat(deliveries.redeliver(destKey, List.of(), Instant.now())).hasSize(events.size());

            new EventDispatch(
                            deliveries,
                            destinationRuns,
                            environment,
                            new StaticListableBeanFactory().getBeanProvider(ConnectionFactory.class),
                            locks)
                    .drain(new DeliveryStop());

            assertThat(deliveries.list(null, destKey, events.size() + 10, 0))
                    .as("untried by the process without RabbitMQ")
                    .hasSize(events.size())
                    .allSatisfy(delivery -> {
                        assertThat(delivery.state()).isEqualTo("PENDING");
                        assertThat(delivery.tries()).isZero();
                        assertThat(delivery.lastError()).isNull();
                    });
            destinations.drainEvents();
            assertThat(ids(bound.receive(events.size() + 10))).containsExactlyInAnyOrderElementsOf(events);
        }
    }

    /** A run of a new job named after {@code job} whose destination is the bound exchange, once it is delivered. */
    private RunOutcome runDelivered(BoundQueue bound, String job, String output) {
        RunOutcome run = launcher.run(new RunRequest(
                new JobDefinitionLoader().load(bound.job(RunFixtures.uniqueJobName(job))),
                null,
                FOLDER.resolve(output),
                Instant.parse("2026-11-01T12:00:00Z"),
                Trigger.MANUAL));
        awaitDelivered(run);
        return run;
    }

    private void awaitDelivered(RunOutcome run) {
        // delivered after the commit; in the full suite the first drain has sometimes left them pending (not
        // understood yet, see the closing note of the stop): drain again, as the serve dispatcher would
        Awaitility.await("the run's events are delivered")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if ("DONE"
                            .equals(RunFixtures.json(run.reportFile())
                                    .at("/destinations/0/status")
                                    .asString())) {
                        return true;
                    }
                    destinations.drainEvents();
                    return false;
                });
    }

    private List<String> events(@Nullable String runId) {
        return jdbc.queryForList("SELECT id FROM sb_event WHERE run_id = ?", String.class, runId);
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream()
                .map(message -> message.getMessageProperties().getMessageId())
                .toList();
    }

    /** A topic exchange and a queue bound to its segment events, on the broker at 127.0.0.1:5672; deleted on close. */
    private static final class BoundQueue implements AutoCloseable {
        private final String exchange;
        private final String queue;
        private final CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        private final RabbitAdmin admin = new RabbitAdmin(factory);

        BoundQueue(String prefix) {
            this(prefix, "customer.segment.*");
        }

        /** Bound to the exchange with {@code routingKey} only. */
        BoundQueue(String prefix, String routingKey) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            exchange = prefix + suffix;
            queue = prefix + "consumer-" + suffix;
            admin.declareExchange(new TopicExchange(exchange, true, false));
            admin.declareQueue(new Queue(queue, false, false, false));
            bind(routingKey);
        }

        void bind(String routingKey) {
            admin.declareBinding(BindingBuilder.bind(new Queue(queue, false, false, false))
                    .to(new TopicExchange(exchange, true, false))
                    .with(routingKey));
        }

        /** A job named {@code name} whose one destination is the exchange. */
        Path job(String name) {
            return job(name, "");
        }

        /** As {@link #job(String)}, with more of the destination's settings ({@code "retry": {…}}). */
        Path job(String name, String more) {
            return PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    "{\"type\": \"rabbitmq\", \"exchange\": \"" + exchange + "\"" + (more.isEmpty() ? "" : ", " + more)
                            + "}");
        }

        /** The messages in the queue, at most {@code atMost}: waits 5 s for the first, then 0.5 s for each next. */
        List<Message> receive(int atMost) {
            RabbitTemplate consumer = new RabbitTemplate(factory);
            List<Message> received = new ArrayList<>();
            for (Message message = consumer.receive(queue, 5000);
                    message != null && received.size() < atMost;
                    message = consumer.receive(queue, 500)) {
                received.add(message);
            }
            return received;
        }

        @Override
        public void close() {
            admin.deleteQueue(queue);
            admin.deleteExchange(exchange);
            factory.destroy();
        }
    }
}
