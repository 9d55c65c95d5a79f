package io.segmentbatch.job;

import io.segmentbatch.TestBrokers;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.sample.CustomerGenerator;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.Trigger;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning for real: a manager and workers as separate JVMs of the built jar ({@code target/segment-batch.jar},
 * made by {@code package} before the integration tests), RabbitMQ at 127.0.0.1:5672 and PostgreSQL. Every remote run
 * of these tests ends with the same members, static segments, report counts and events as one local run of the same
 * input (IDs and times aside), whatever happened on the way: a worker killed, the manager killed, no worker at all
 * until the timeout, a worker started late that cannot read an input file. Each test has a broker queue of its own.
 */
@SpringBootTest(
        properties = {
            "spring.main.web-application-type=none",
            "segment-batch.partition-size=1MB",
            "segment-batch.events.outbox=all"
        })
class RemotePartitioningIntegrationTests {
    private static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    private static final Path JAR = Path.of("target", "segment-batch.jar");
    private static final Path FOLDER = io.segmentbatch.ServeFixtures.tempFolder("remote-");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Three files: two small ones read whole, one large one cut into byte ranges of partition.size. */
    private static final String PARTITION_SIZE = "--segment-batch.partition-size=1MB";

    private static Result local;

    @Autowired
    RunLauncher launcher;

    @Autowired
    Runs runs;

    @Autowired
    JdbcTemplate jdbc;

    private final List<ChildProcesses.Child> children = new ArrayList<>();
    private String queue;

    @BeforeAll
    static void servicesAnswer() {
        TestDatabases.requirePostgres();
        TestBrokers.requireRabbit();
        assertThat(JAR)
                .as("the built jar (./mvnw verify builds it before the integration tests)")
                .exists();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @BeforeEach
    void inputAndBaseline() throws IOException {
        queue = "segment-batch.test-" + UUID.randomUUID();
        if (local == null) {
            Files.createDirectories(FOLDER.resolve("in"));
            CustomerGenerator.write(3_000, FOLDER.resolve("in/a-small.csv"), 1);
            CustomerGenerator.write(2_000, FOLDER.resolve("in/b-small.csv"), 2);
            CustomerGenerator.write(25_000, FOLDER.resolve("in/c-large.csv"), 3);
            RunOutcome outcome = launcher.run(new RunRequest(
                    new JobDefinitionLoader().load(job("local")), null, FOLDER.resolve("out"), AS_OF, Trigger.MANUAL));
            assertThat(outcome.status()).isEqualTo("COMPLETED");
            local = result(outcome.runId());
            assertThat(local.partitions())
                    .as("local partitions: 2 small files, the large one cut in several")
                    .isGreaterThan(4);
        }
    }

    @AfterEach
    void stopChildren() {
        children.forEach(ChildProcesses.Child::kill);
    }

    @Test
    void aRemoteRunOnTwoWorkersEqualsALocalRunAndTheWorkersStopGracefully() {
        ChildProcesses.Child first = worker("first");
        ChildProcesses.Child second = worker("second");
        awaitStarted(first, second);

        ChildProcesses.Child manager = manager("run", job("remote").toString());
        assertThat(manager.exitCode(300)).as(manager.console()).isZero();
        String runId = runIdOf(manager);

        Result remote = result(runId);
        assertThat(remote).isEqualTo(local);
        assertThat(remote.partitions())
                .as("remote partitions: 2 small files, the large one cut in several")
                .isGreaterThan(4);
        assertThat(first.console()).as("the first worker took partitions").contains(" taken (");
        assertThat(second.console()).as("the second worker took partitions").contains(" taken (");
        assertThat(first.console() + second.console())
                .contains("partition evaluate-partition:file0002-part0001 taken")
                .as("counts grouped as in the run's progress lines")
                .containsPattern("part0001 taken \\(.*c-large\\.csv from line \\d{1,3},\\d{3}\\)")
                .containsPattern("COMPLETED: \\d{1,3},\\d{3} customers written, 0 skipped, in PT\\d+(\\.\\d)?S")
                .as("a partition's step lines name the job whose run it is")
                .containsPattern("INFO  \\[remote-[^\\]]+\\] Step: \\[evaluate-partition:");

        first.process().destroy();
        second.process().destroy();
        assertThat(first.exitCode(90)).as("SIGTERM: the worker stops normally").isZero();
        assertThat(second.exitCode(90)).isZero();
        assertThat(first.console()).contains("worker stopped");
    }

    @Test
    void aWorkerKilledMidPartitionLeavesItToTheOtherWorker() {
        ChildProcesses.Child doomed = worker("doomed", "--segment-batch.chunk-size=50");
        awaitStarted(doomed);
        ChildProcesses.Child manager = manager("run", job("worker-killed").toString());
        String runId = awaitRunId(manager);
        awaitAPartitionCommittedTwice(runId, "the doomed worker");
        doomed.kill();

        ChildProcesses.Child survivor = worker("survivor");
        int exit = manager.exitCode(300);
        if (exit != 0) {
            // the manager gave up before the survivor finished: the run restarts with the surviving worker
            assertThat(manager("restart", runId).exitCode(300)).isZero();
        }
        assertThat(result(runId)).isEqualTo(local);
        assertThat(survivor.console()).contains("taken");
    }

    @Test
    void aWorkerStoppedPastItsShutdownTimeoutLeavesItsPartitionToAnotherWorker() {
        ChildProcesses.Child stopped =
                worker("stopped", "--segment-batch.chunk-size=5", "--segment-batch.remote.shutdown-timeout=100ms");
        awaitStarted(stopped);
        ChildProcesses.Child manager = manager("run", job("worker-stopped").toString());
        String runId = awaitRunId(manager);
        awaitAPartitionCommittedTwice(runId, "the worker to stop");
        stopped.process().destroy();

        assertThat(stopped.exitCode(90))
                .as("SIGTERM: the worker stops normally")
                .isZero();
        assertThat(stopped.console())
                .contains("cut off by this worker's shutdown; left to another worker")
                .doesNotContain("ERROR", "left to another worker as it was");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                                + " AND STEP_NAME LIKE 'evaluate-partition:%' AND STATUS IN ('FAILED', 'STOPPED')",
                        Integer.class, jobExecution(runId)))
                .as("the partition cut off is still going, for the next worker to resume")
                .isZero();

        ChildProcesses.Child survivor = worker("survivor");
        assertThat(manager.exitCode(300)).as(manager.console()).isZero();
        assertThat(result(runId)).isEqualTo(local);
        assertThat(survivor.console()).contains("taken");
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(READ_COUNT + READ_SKIP_COUNT) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                                + " AND STEP_NAME LIKE 'evaluate-partition:%'",
                        Long.class, jobExecution(runId)))
                .as("the partitions' read counts: the rows of the chunk cut off are counted once, by the survivor")
                .isEqualTo(report(runId).at("/input/rows_read").asLong());
    }

    /**
     * The workers stand still (SIGSTOP) while the restart recovers the run, so that partitions are certainly going
     * then, and go on (SIGCONT) once it has: the partition each was reading was ended by the restart, and its next
     * commit cannot land.
     */
    @Test
    void aManagerKilledWhileWorkersRunIsRestartedToTheSameResult() {
        ChildProcesses.Child first = worker("first", "--segment-batch.chunk-size=50");
        ChildProcesses.Child second = worker("second", "--segment-batch.chunk-size=50");
        awaitStarted(first, second);
        ChildProcesses.Child manager = manager("run", job("manager-killed").toString());
        String runId = awaitRunId(manager);
        await(
                "a partition has committed",
                240,
                () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                                        + " AND STEP_NAME LIKE 'evaluate-partition:%' AND COMMIT_COUNT >= 1",
                                Integer.class, jobExecution(runId))
                        > 0);
        pauseBetweenTransactions(first, "first");
        pauseBetweenTransactions(second, "second");
        manager.kill();
        long killed = jobExecution(runId);
        int going = jdbc.queryForObject(
                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                        + " AND STEP_NAME LIKE 'evaluate-partition:%' AND STATUS IN ('STARTING', 'STARTED')",
                Integer.class, killed);

        ChildProcesses.Child restart = manager("restart", runId);
        try {
            await(
                    "the restart has recovered the run",
                    120,
                    () -> restart.console().contains("restarting from its last commit"));
        } finally {
            first.resume();
            second.resume();
        }
        assertThat(restart.exitCode(300)).as(restart.console()).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                                + " AND STEP_NAME LIKE 'evaluate-partition:%' AND STATUS = 'FAILED'"
                                + " AND EXIT_MESSAGE = ?",
                        Integer.class, killed, RunLauncher.ABANDONED))
                .as("the partitions going (read, or waiting for a worker) were ended by the restart, and stayed so")
                .isEqualTo(going)
                .isPositive();
        assertThat(result(runId)).isEqualTo(local);
        assertThat(first.console() + second.console())
                .contains("was ended by a restart of its run while this worker read it");
    }

    @Test
    void withNoWorkerTheRunFailsAtTheTimeoutSayingWhyAndARestartFinishesItOnceAWorkerIsThere() {
        ChildProcesses.Child manager = manager(
                "run",
                job("no-worker").toString(),
                "--segment-batch.remote.timeout=3s",
                // the default interval, so that Spring Batch's early end (a poll interval before the timeout) shows
                "--segment-batch.remote.poll-interval=2s");
        assertThat(manager.exitCode(180)).isEqualTo(1);
        assertThat(manager.console())
                .as("said while it waits (after half the timeout here, 30 s by default)")
                .contains("no worker has taken any of its", "is a worker running (segment-batch worker)");
        String runId = runIdOf(manager);
        assertThat(report(runId).at("/job/error").asString()).contains("were never taken: is a worker running");
        assertThat(jdbc.queryForObject(
                        "SELECT EXTRACT(EPOCH FROM END_TIME - START_TIME) FROM BATCH_STEP_EXECUTION"
                                + " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'evaluate'",
                        Double.class,
                        jobExecution(runId)))
                .as("the manager waited the whole timeout (Spring Batch's poller gives up a poll interval early)")
                .isGreaterThanOrEqualTo(3.0);

        awaitStarted(worker("late"));
        assertThat(manager("restart", runId).exitCode(300)).isZero();
        assertThat(result(runId)).isEqualTo(local);
    }

    @Test
    void aManagerSignalledToStopWhileNoWorkerTookAPartitionEndsStoppedAndRestartsOnceAWorkerIsThere() {
        ChildProcesses.Child manager = manager("run", job("stopped").toString());
        String runId = awaitRunId(manager);
        awaitPartitionsSent(runId);
        manager.process().destroy(); // SIGTERM, as Ctrl-C
        assertThat(manager.exitCode(120)).as(manager.console()).isEqualTo(Cli.FAILED);
        assertThat(manager.console())
                .contains(
                        "stopped before a worker took it",
                        "Run " + runId + " STOPPED",
                        "(segment-batch restart " + runId + " --remote)")
                .doesNotContain("could not be stopped");
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo("STOPPED");

        awaitStarted(worker("after-stop"));
        ChildProcesses.Child restart = manager("restart", runId);
        assertThat(restart.exitCode(300)).as(restart.console()).isZero();
        assertThat(result(runId)).isEqualTo(local);
    }

    @Test
    void aWorkerThatCannotReadItsPartitionFailsItWithThatReasonAndTheRunRestartsOnceItCan() throws IOException {
        Path job = job("unreadable");
        ChildProcesses.Child manager = manager("run", job.toString());
        String runId = awaitRunId(manager);
        awaitPartitionsSent(runId);
        Path large = FOLDER.resolve("in/c-large.csv");
        Path away = FOLDER.resolve("c-large.csv.away");
        Files.move(large, away);
        try {
            ChildProcesses.Child late = worker("late");
            assertThat(manager.exitCode(300)).isEqualTo(1);
            assertThat(report(runId).at("/job/error").asString())
                    .contains("cannot read the input file " + large.toAbsolutePath())
                    .contains("every worker must see the input files at the same path");
            assertThat(late.console()).contains("cannot read the input file");
        } finally {
            Files.move(away, large);
        }
        assertThat(manager("restart", runId).exitCode(300)).isZero();
        assertThat(result(runId)).isEqualTo(local);
    }

    @Test
    void aFileReplacedBeforeAWorkerReadsItFailsThePartitionAndTheRunRestartsOnceTheFileIsBack() throws IOException {
        ChildProcesses.Child manager = manager("run", job("replaced").toString());
        String runId = awaitRunId(manager);
        awaitPartitionsSent(runId);
        Path small = FOLDER.resolve("in/b-small.csv");
        Path away = FOLDER.resolve("b-small.csv.away");
        Files.move(small, away);
        try {
            CustomerGenerator.write(2_500, small, 9);
            ChildProcesses.Child late = worker("late");
            assertThat(manager.exitCode(300)).as(manager.console()).isEqualTo(1);
            assertThat(report(runId).at("/job/error").asString())
                    .contains("partition file0001-part0000 (" + small.toAbsolutePath() + " from line 1) on worker ")
                    .contains(" failed: " + small.toAbsolutePath() + ": input changed since the run started");
            assertThat(late.console()).contains("input changed since the run started");
        } finally {
            Files.delete(small);
            Files.move(away, small); // a move keeps the file's modification time: the run's stamp holds again
        }
        assertThat(manager("restart", runId).exitCode(300)).isZero();
        assertThat(result(runId)).isEqualTo(local);
    }

    @Test
    void remoteModeRefusesTheEmbeddedDatabaseWithoutCreatingIt() {
        Path database = FOLDER.resolve("h2-" + queue);
        ChildProcesses.Child manager = start(
                FOLDER.resolve("h2-" + queue + ".log"),
                "run",
                job("h2").toString(),
                "--remote",
                "--spring.datasource.url=jdbc:h2:file:" + database + ";MODE=PostgreSQL");
        assertThat(manager.exitCode(120)).isEqualTo(2);
        assertThat(manager.console())
                .contains("remote mode needs PostgreSQL")
                .contains("the embedded H2 database cannot be shared with other machines");
        assertThat(database.resolveSibling(database.getFileName() + ".mv.db")).doesNotExist();
    }

    @Test
    void aWorkerThatCannotReachTheBrokerDoesNotStartAndSaysWhere() {
        ChildProcesses.Child worker = start(
                FOLDER.resolve("no-broker-" + queue + ".log"),
                "worker",
                "--spring.datasource.url=" + TestDatabases.postgresUrl(),
                "--spring.datasource.username=" + TestDatabases.postgresUser(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=1",
                "--segment-batch.remote.queue=" + queue);
        assertThat(worker.exitCode(120)).as(worker.console()).isEqualTo(2);
        assertThat(worker.console())
                .contains("error: the worker did not start: remote mode cannot reach RabbitMQ at 127.0.0.1:1");
    }

    /**
     * What a run produced that must not depend on where it ran: members by part, report counts, events (and, not
     * compared, how many partitions it was cut into).
     */
    record Result(List<String> members, String counts, List<String> events, int partitions) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Result that
                    && members.equals(that.members)
                    && counts.equals(that.counts)
                    && events.equals(that.events);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(members, counts, events);
        }
    }

    private Result result(String runId) {
        JsonNode report = report(runId);
        Path folder = runs.find(runId).orElseThrow().runFolder();
        List<String> members = new ArrayList<>();
        StringBuilder counts =
                new StringBuilder(report.at("/input/customers") + "/" + report.at("/input/rows_rejected"));
        for (JsonNode segment : report.get("segments")) {
            counts.append(' ')
                    .append(segment.at("/segment/name").asString())
                    .append('=')
                    .append(segment.at("/customers_count"))
                    .append('+')
                    .append(segment.at("/entered"))
                    .append('/')
                    .append(segment.at("/events_emitted"));
            for (JsonNode part : segment.get("static_segments")) {
                RunFixtures.lines(folder.resolve(part.get("file").asString())).stream()
                        .skip(1)
                        .forEach(line -> members.add(segment.at("/segment/name").asString() + ":"
                                + part.at("/segment/name").asString() + ":" + line));
            }
        }
        List<String> events = jdbc.queryForList(
                "SELECT s.name || ':' || e.type || ':' || e.customer_key FROM sb_event e"
                        + " JOIN sb_segment s ON s.id = e.segment_id WHERE e.run_id = ? ORDER BY 1",
                String.class,
                runId);
        int partitions = jdbc.queryForObject(
                "SELECT COUNT(DISTINCT STEP_NAME) FROM BATCH_STEP_EXECUTION s"
                        + " JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID"
                        + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'run.id'"
                        + " WHERE p.PARAMETER_VALUE = ? AND s.STEP_NAME LIKE 'evaluate-partition:%'",
                Integer.class, runId);
        return new Result(members, counts.toString().replaceAll("\\s+", " "), events, partitions);
    }

    private JsonNode report(String runId) {
        return RunFixtures.json(runs.find(runId).orElseThrow().runFolder().resolve("report.json"));
    }

    /** The job file: the bench's first 40 segments, small static segments, entered events on the first run. */
    private Path job(String name) {
        try {
            ObjectNode job = (ObjectNode)
                    JSON.readTree(Path.of("scripts", "bench-segments.json").toFile());
            job.put("name", RunFixtures.uniqueJobName(name));
            var segments = (tools.jackson.databind.node.ArrayNode) job.get("segments");
            while (segments.size() > 40) {
                segments.remove(segments.size() - 1);
            }
            job.putObject("input").put("path", FOLDER.resolve("in").toAbsolutePath() + "/*.csv");
            job.put("initial_events", "entered");
            job.put("static_segment_size", 500);
            job.put("skip_limit", 10);
            Path file = FOLDER.resolve(job.get("name").asString() + ".json");
            JSON.writeValue(file.toFile(), job);
            return file;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot write the job file: " + e.getMessage(), e);
        }
    }

    /**
     * Pauses a worker (SIGSTOP) at a moment when none of its connections is inside a transaction. Paused inside one,
     * it would hold its partition's row lock, and the restart's recovery, which ends every going partition in one
     * statement, would wait for it as long as it stands still (CI saw the restart wait two minutes).
     */
    private void pauseBetweenTransactions(ChildProcesses.Child worker, String name) {
        for (int attempt = 1; attempt <= 500; attempt++) {
            worker.pause();
            sleep(50); // the stop takes effect, and a statement the database runs for it ends or shows
            Integer busy = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND state <> 'idle'",
                    Integer.class,
                    application(name));
            if (busy != null && busy == 0) {
                return;
            }
            worker.resume();
            sleep(ThreadLocalRandom.current().nextInt(1, 20));
        }
        throw new AssertionError("worker " + name + " was inside a transaction at each of 500 pauses");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The PostgreSQL application name of a worker's connections, so that the test can see their state. */
    private String application(String worker) {
        return "sb-worker-" + worker + "-" + queue.substring(queue.length() - 8);
    }

    private ChildProcesses.Child worker(String name, String... more) {
        List<String> arguments = new ArrayList<>(List.of("worker", "--concurrency", "1"));
        arguments.add("--spring.datasource.hikari.data-source-properties.ApplicationName=" + application(name));
        arguments.addAll(common());
        arguments.addAll(List.of(more));
        return start(FOLDER.resolve("worker-" + name + "-" + queue + ".log"), arguments.toArray(String[]::new));
    }

    private ChildProcesses.Child manager(String command, String target, String... more) {
        List<String> arguments = new ArrayList<>(List.of(command, target, "--remote"));
        if (command.equals("run")) {
            arguments.addAll(
                    List.of("--output", FOLDER.resolve("out").toString(), "--as-of", AS_OF.toString(), PARTITION_SIZE));
        }
        arguments.addAll(common());
        if (Arrays.stream(more).noneMatch(argument -> argument.startsWith("--segment-batch.remote.poll-interval="))) {
            arguments.add("--segment-batch.remote.poll-interval=200ms");
        }
        arguments.add("--segment-batch.events.outbox=all"); // the test compares the outbox with a local run's
        arguments.addAll(List.of(more));
        return start(FOLDER.resolve(command + "-" + UUID.randomUUID() + ".log"), arguments.toArray(String[]::new));
    }

    private List<String> common() {
        return List.of(
                "--spring.datasource.url=" + TestDatabases.postgresUrl(),
                "--spring.datasource.username=" + TestDatabases.postgresUser(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=5672",
                "--segment-batch.remote.queue=" + queue,
                "--spring.datasource.hikari.minimum-idle=1");
    }

    private ChildProcesses.Child start(Path log, String... arguments) {
        ChildProcesses.Child child = ChildProcesses.startJar(JAR, log, arguments);
        children.add(child);
        return child;
    }

    /** Waits until the manager has sent the run's partitions (their step executions exist). */
    private void awaitPartitionsSent(String runId) {
        await(
                "the partitions were sent",
                180,
                () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION"
                                        + " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'evaluate-partition:%'",
                                Integer.class, jobExecution(runId))
                        > 0);
    }

    /** Waits until a partition of the run, still going, has committed at least twice (a worker is in the middle). */
    private void awaitAPartitionCommittedTwice(String runId, String whose) {
        await(
                "a partition of " + whose + " has committed twice",
                240,
                () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                                        + " AND STEP_NAME LIKE 'evaluate-partition:%' AND STATUS = 'STARTED' AND COMMIT_COUNT >= 2",
                                Integer.class, jobExecution(runId))
                        > 0);
    }

    private static void awaitStarted(ChildProcesses.Child... workers) {
        for (ChildProcesses.Child worker : workers) {
            await("worker started (" + worker.log() + ")", 180, () -> {
                assertThat(worker.process().isAlive())
                        .as("the worker is running: " + worker.console())
                        .isTrue();
                return worker.console().contains("worker started");
            });
        }
    }

    private String awaitRunId(ChildProcesses.Child manager) {
        await("the run started", 180, () -> {
            assertThat(manager.process().isAlive() || manager.console().contains("run_"))
                    .as(manager.console())
                    .isTrue();
            return manager.console().contains("started: trigger=") && jobExecutionOrNull(runIdOf(manager)) != null;
        });
        return runIdOf(manager);
    }

    private static String runIdOf(ChildProcesses.Child manager) {
        var matcher = java.util.regex.Pattern.compile("run (run_\\w+)").matcher(manager.console());
        assertThat(matcher.find())
                .as("a run ID in the manager's console: " + manager.console())
                .isTrue();
        return matcher.group(1);
    }

    private long jobExecution(String runId) {
        Long id = jobExecutionOrNull(runId);
        assertThat(id).as("the job execution of " + runId).isNotNull();
        return id;
    }

    private Long jobExecutionOrNull(String runId) {
        return jdbc.query(
                "SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'run.id'"
                        + " AND PARAMETER_VALUE = ?",
                rs -> rs.next() ? (Long) rs.getObject(1, Long.class) : null,
                runId);
    }

    private static void await(String what, int seconds, BooleanSupplier condition) {
        io.segmentbatch.ServeFixtures.await(java.time.Duration.ofSeconds(seconds), what, condition);
    }

    static {
        try {
            Files.createDirectories(FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
