package io.segmentbatch.trigger;

import io.segmentbatch.RunGate;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.HeldRuns;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.sample.CustomerGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.jdbc.metadata.JdbcMetadataStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** File drops on a running service: real folders, a real database, the service stopped and started again. */
class InboxIntegrationTests {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The file {@link #dropLastAndAwait()} drops. */
    private static final String LAST = "zz-last.csv";

    @TempDir
    Path folder;

    private Path jobs;
    private Path inbox;
    private final String database = ServeFixtures.h2Url("inbox");

    @BeforeEach
    void jobWithAnInbox() throws IOException {
        jobs = Files.createDirectories(folder.resolve("jobs"));
        inbox = folder.resolve("inbox");
        Path exports = Files.createDirectories(folder.resolve("exports"));
        JobFile.of("job-segments.json")
                .name("dropped")
                .input(RunFixtures.copy("customers-1.csv", exports))
                // exports of any size follow each other here (the last file after a large one): no guard holds them
                .set("inbox", inbox.toString())
                .set("guards", null)
                .writeTo(jobs);
    }

    @Test
    void aFileRunsOnceItHasItsFinalNameAndEndsInProcessedOrFailedAndACopyDroppedAgainRunsAgain() throws Exception {
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            // files that never get a final name, old enough for any poll: the poll that takes good.csv sees them too
            List<Path> waiting = List.of(
                    inbox.resolve(".hidden.csv"), inbox.resolve("other.csv.tmp"), inbox.resolve("waiting.csv.part"));
            for (Path file : waiting) {
                Files.writeString(file, "id\ncust_z\n");
                assertThat(file.toFile().setLastModified(System.currentTimeMillis() - 60_000))
                        .isTrue();
            }
            Path part = drop("customers-1.csv", "good.csv.part");

            Files.move(part, inbox.resolve("good.csv"), StandardCopyOption.ATOMIC_MOVE);
            ServeFixtures.await(WAIT, "good.csv is processed", () -> Files.exists(inbox.resolve("processed/good.csv")));
            assertThat(waiting)
                    .as("no final name: never taken")
                    .allSatisfy(file -> assertThat(file).exists());
            assertThat(runs(jdbc))
                    .as("only the file with its final name ran")
                    .singleElement()
                    .satisfies(run -> {
                        assertThat(run.get("TRIGGER_KIND")).isEqualTo("FILE");
                        assertThat(run.get("STATUS")).isEqualTo("COMPLETED");
                        assertThat((String) run.get("REPORT_JSON")).contains("\"trigger\":\"file\"");
                    });

            Path bad = inbox.resolve("bad.csv.part");
            Files.writeString(bad, "shoe_size,favourite_colour\n42,blue\n");
            Files.move(bad, inbox.resolve("bad.csv"), StandardCopyOption.ATOMIC_MOVE);
            // the note is written before the file is moved: whoever sees the file finds its note
            ServeFixtures.await(WAIT, "bad.csv has failed", () -> Files.exists(inbox.resolve("failed/bad.csv")));
            assertThat(Files.readString(inbox.resolve("failed/bad.csv.error.txt")))
                    .contains("job: dropped", "reason: ");
            assertThat(waiting).allSatisfy(file -> assertThat(file).exists());
        }

        // while the service is down: a byte-for-byte copy of the processed file with its modification time
        // (cp -p) is dropped again, and a new file arrives
        Files.copy(inbox.resolve("processed/good.csv"), inbox.resolve("good.csv"), StandardCopyOption.COPY_ATTRIBUTES);
        drop("customers-2.csv", "later.csv");

        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(
                    WAIT, "later.csv is processed", () -> Files.exists(inbox.resolve("processed/later.csv")));
            ServeFixtures.await(WAIT, "good.csv has left the inbox", () -> !Files.exists(inbox.resolve("good.csv")));
            dropLastAndAwait();
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).as("each drop ran once, then the last file").hasSize(5);
            assertThat((String) runs.get(4).get("INPUT_FILES_JSON")).endsWith(LAST + "\"]");
            List<Map<String, Object>> good = runs.stream()
                    .filter(run -> ((String) run.get("INPUT_FILES_JSON")).endsWith("good.csv\"]"))
                    .toList();
            assertThat(good)
                    .as("the copy is a new drop: it runs, never sits in the inbox unexplained")
                    .hasSize(2)
                    .allSatisfy(run -> assertThat(run.get("STATUS")).isEqualTo("COMPLETED"));
            assertThat(inbox.resolve("processed/" + good.get(1).get("RUN_ID") + "_good.csv"))
                    .exists();
            assertThat(runs.get(3).get("STATUS")).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aNewFileUnderTheNameOfAProcessedOneRunsWhetherDroppedWhileDownOrWhileServing() throws Exception {
        try (ConfigurableApplicationContext service = serve()) {
            drop("customers-1.csv", "customers.csv");
            ServeFixtures.await(
                    WAIT, "customers.csv is processed", () -> Files.exists(inbox.resolve("processed/customers.csv")));
        }
        // the exporter writes the same name every day: other content, a new modification time
        drop("customers-2.csv", "customers.csv");
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(
                    WAIT,
                    "the new customers.csv is processed",
                    () -> runs(jdbc).size() == 2 && !Files.exists(inbox.resolve("customers.csv")));
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).extracting(run -> run.get("STATUS")).containsExactly("COMPLETED", "COMPLETED");
            assertThat((String) runs.get(1).get("REPORT_JSON")).contains("\"trigger\":\"file\"");
            assertThat(inbox.resolve("processed/" + runs.get(1).get("RUN_ID") + "_customers.csv"))
                    .hasSameBinaryContentAs(RunFixtures.copy("customers-2.csv", folder));

            // and a cp -p of a processed file while the service runs is a new drop as well
            Files.copy(
                    inbox.resolve("processed/customers.csv"),
                    inbox.resolve("customers.csv"),
                    StandardCopyOption.COPY_ATTRIBUTES);
            ServeFixtures.await(
                    WAIT,
                    "the copy is processed",
                    () -> runs(jdbc).size() == 3
                            && "COMPLETED".equals(runs(jdbc).get(2).get("STATUS"))
                            && !Files.exists(inbox.resolve("customers.csv")));
        }
    }

    @Test
    void aFileWhoseRunCompletedButThatWasNotMovedIsMovedAtStartWithoutRunningTwice() throws Exception {
        Path processed = inbox.resolve("processed/good.csv");
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            drop("customers-1.csv", "good.csv");
            ServeFixtures.await(WAIT, "good.csv is processed", () -> Files.exists(processed));
            // the state a crash between the run's end and the move leaves: the entry written when the run started
            // (before the run's row was created), and the file still in the inbox
            Instant runCreated = ((OffsetDateTime) runs(jdbc).get(0).get("CREATED_AT")).toInstant();
            InboxLedger ledger = new InboxLedger(service.getBean(JdbcMetadataStore.class), "inbox:dropped:");
            Path good = inbox.resolve("good.csv");
            service.getBean(JdbcMetadataStore.class)
                    .put(
                            "inbox:dropped:" + good.toAbsolutePath(),
                            new InboxLedger.Entry(
                                            Files.size(processed),
                                            processed.toFile().lastModified(),
                                            runCreated.minusMillis(5))
                                    .value());
            Files.copy(processed, good, StandardCopyOption.COPY_ATTRIBUTES);
            dropLastAndAwait();
            assertThat(runs(jdbc))
                    .extracting(run -> (String) run.get("INPUT_FILES_JSON"))
                    .as("an entry with the same content: taken already, only the last file ran")
                    .satisfiesExactly(
                            first -> assertThat(first).endsWith("good.csv\"]"),
                            last -> assertThat(last).endsWith(LAST + "\"]"));
            assertThat(good).as("left for the next start to settle").exists();
            assertThat(ledger.taken(good.toFile())).isTrue();
        }
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(WAIT, "good.csv has left the inbox", () -> !Files.exists(inbox.resolve("good.csv")));
            dropLastAndAwait();
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).as("good.csv did not run again").hasSize(3);
            assertThat(runs)
                    .extracting(run -> (String) run.get("INPUT_FILES_JSON"))
                    .filteredOn(files -> files.endsWith("good.csv\"]"))
                    .hasSize(1);
            assertThat(inbox.resolve("processed/" + runs.get(0).get("RUN_ID") + "_good.csv"))
                    .exists();
        }
    }

    @Test
    void aFileWrittenInSlicesUnderItsFinalNameRunsOnceWhenItHasStoppedChanging() throws Exception {
        Path whole = folder.resolve("whole.csv");
        CustomerGenerator.write(3_000, whole, 5);
        byte[] bytes = Files.readAllBytes(whole);
        // a file "stops changing" when its modification time is older than min-file-age: an hour here, so that a
        // slow poll can never take a slice for a finished file, and the test ages the file itself at the end
        try (ConfigurableApplicationContext service = serve("--segment-batch.serve.min-file-age=1h")) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            Path target = inbox.resolve("sliced.csv");
            int slices = 5;
            for (int i = 0; i < slices; i++) {
                // cut anywhere, mid-line included, as an exporter flushing its buffer does
                int from = bytes.length * i / slices;
                int to = bytes.length * (i + 1) / slices;
                Files.write(
                        target,
                        java.util.Arrays.copyOfRange(bytes, from, to),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                // a file that stopped changing long ago runs at the next poll: that poll saw sliced.csv too
                dropFinishedFileAndAwait("finished-" + i + ".csv");
                assertThat(runs(jdbc))
                        .extracting(run -> (String) run.get("INPUT_FILES_JSON"))
                        .as("nothing runs while the file still changes (slice " + (i + 1) + ")")
                        .noneMatch(files -> files.endsWith("sliced.csv\"]"));
            }
            assertThat(target.toFile().setLastModified(System.currentTimeMillis() - 7_200_000))
                    .isTrue();

            ServeFixtures.await(
                    WAIT, "sliced.csv is processed", () -> Files.exists(inbox.resolve("processed/sliced.csv")));
            dropFinishedFileAndAwait("finished-last.csv");
            List<Map<String, Object>> sliced = runs(jdbc).stream()
                    .filter(run -> ((String) run.get("INPUT_FILES_JSON")).endsWith("sliced.csv\"]"))
                    .toList();
            assertThat(sliced).as("the whole file, once").singleElement().satisfies(run -> {
                assertThat(run.get("STATUS")).isEqualTo("COMPLETED");
                assertThat((String) run.get("REPORT_JSON")).contains("\"rows_read\":3000", "\"rows_rejected\":0");
            });
            assertThat(runs(jdbc)).hasSize(slices + 2);
        }
    }

    /** Drops a file whose modification time is two hours old and waits until it has run. */
    private void dropFinishedFileAndAwait(String name) throws IOException {
        Path file = drop("customers-2.csv", name);
        assertThat(file.toFile().setLastModified(System.currentTimeMillis() - 7_200_000))
                .isTrue();
        ServeFixtures.await(
                WAIT,
                name + " is processed",
                () -> Files.exists(inbox.resolve("processed").resolve(name)));
    }

    @Test
    void filesDroppedTogetherRunOneAfterTheOtherInArrivalOrder() throws Exception {
        Path first = folder.resolve("first.csv");
        Path second = folder.resolve("second.csv");
        CustomerGenerator.write(3_000, first, 1);
        CustomerGenerator.write(3_000, second, 2);
        first.toFile().setLastModified(System.currentTimeMillis() - 60_000);
        second.toFile().setLastModified(System.currentTimeMillis() - 30_000);
        // both in the inbox before the service looks: dropped while it runs, a poll between the two moves saw
        // second.csv alone and ran it first (CI saw it once)
        Files.createDirectories(inbox);
        Files.move(second, inbox.resolve("second.csv"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(first, inbox.resolve("first.csv"), StandardCopyOption.ATOMIC_MOVE);
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(
                    WAIT,
                    "both files are processed",
                    () -> Files.exists(inbox.resolve("processed/first.csv"))
                            && Files.exists(inbox.resolve("processed/second.csv")));

            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).hasSize(2);
            assertThat((String) runs.get(0).get("INPUT_FILES_JSON")).endsWith("first.csv\"]");
            assertThat((String) runs.get(1).get("INPUT_FILES_JSON")).endsWith("second.csv\"]");
            OffsetDateTime firstEnded = (OffsetDateTime) runs.get(0).get("FINISHED_AT");
            OffsetDateTime secondStarted = (OffsetDateTime) runs.get(1).get("CREATED_AT");
            assertThat(secondStarted)
                    .as("the second run starts after the first ended")
                    .isAfterOrEqualTo(firstEnded);
        }
    }

    @Test
    void aFileDroppedUnderTheNameOfOneWhoseRunGoesWaitsAndThenRuns() throws Exception {
        Path first = folder.resolve("first.csv");
        Path second = folder.resolve("second.csv");
        CustomerGenerator.write(3_000, first, 1);
        CustomerGenerator.write(2_000, second, 2);
        first.toFile().setLastModified(System.currentTimeMillis() - 60_000);
        second.toFile().setLastModified(System.currentTimeMillis() - 30_000);
        RunGate gate = RunGate.holdingChunk(1);
        try (ConfigurableApplicationContext service = serveHolding(gate)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            Files.createDirectories(inbox);
            Files.move(first, inbox.resolve("customers.csv"), StandardCopyOption.ATOMIC_MOVE);
            gate.awaitHeld(WAIT);
            // the exporter's next file, under the same name, while the first one's run goes
            Files.move(
                    second,
                    inbox.resolve("customers.csv"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(1_000); // a few polls of the inbox see it
            gate.release();
            ServeFixtures.await(
                    WAIT,
                    "the second file has run",
                    () -> runs(jdbc).size() == 2
                            && runs(jdbc).get(1).get("FINISHED_AT") != null
                            && !Files.exists(inbox.resolve("customers.csv")));
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs.get(1).get("STATUS")).isEqualTo("COMPLETED");
            assertThat((String) runs.get(1).get("REPORT_JSON"))
                    .as("the second run read the new file")
                    .contains("\"rows_read\":2000");
            assertThat(inbox.resolve("processed/customers.csv")).exists();
            assertThat(inbox.resolve("failed/customers.csv"))
                    .as("the new file is not blamed for the first run")
                    .doesNotExist();
        }
    }

    @Test
    void anOlderFileFoundWhileARunGoesRunsBeforeNewerOnesFoundEarlier() throws Exception {
        Path first = folder.resolve("first.csv");
        CustomerGenerator.write(3_000, first, 1);
        RunGate gate = RunGate.holdingChunk(1);
        try (ConfigurableApplicationContext service = serveHolding(gate)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            Files.createDirectories(inbox);
            Files.move(first, inbox.resolve("a-first.csv"), StandardCopyOption.ATOMIC_MOVE);
            gate.awaitHeld(WAIT);
            drop("customers-1.csv", "b-newer.csv");
            Thread.sleep(1_000); // polls list it while a-first.csv runs
            Path older = RunFixtures.copy("customers-2.csv", folder);
            assertThat(older.toFile().setLastModified(System.currentTimeMillis() - 3_600_000))
                    .isTrue();
            Files.move(older, inbox.resolve("c-older.csv"), StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(1_000);
            gate.release();
            ServeFixtures.await(
                    WAIT,
                    "the three files have run",
                    () -> Files.exists(inbox.resolve("processed/b-newer.csv"))
                            && Files.exists(inbox.resolve("processed/c-older.csv")));
            assertThat(runs(jdbc))
                    .extracting(run -> (String) run.get("INPUT_FILES_JSON"))
                    .as("oldest modification time first, whenever a file was found")
                    .satisfiesExactly(
                            files -> assertThat(files).endsWith("a-first.csv\"]"),
                            files -> assertThat(files).endsWith("c-older.csv\"]"),
                            files -> assertThat(files).endsWith("b-newer.csv\"]"));
        }
    }

    @Test
    void aFileReplacedWhileItWaitsForAnotherTriggersRunRunsOnceOnTheNewFileAsOfWhenItsRunStarts() throws Exception {
        Path big = folder.resolve("exports/big.csv");
        CustomerGenerator.write(3_000, big, 1);
        RunGate gate = RunGate.holdingChunk(1);
        try (ConfigurableApplicationContext service = serveHolding(gate)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.Response launched = ServeFixtures.call(
                    ServeFixtures.port(service), "POST", "/v1/jobs/dropped/runs", "{\"input\": \"" + big + "\"}");
            assertThat(launched.status()).isEqualTo(202);
            gate.awaitHeld(WAIT);
            drop("customers-1.csv", "w.csv");
            Thread.sleep(1_000); // taken: it waits for the REST run
            Path replacement = folder.resolve("replacement.csv");
            CustomerGenerator.write(50, replacement, 7);
            Files.move(
                    replacement,
                    inbox.resolve("w.csv"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(500);
            Instant released = Instant.now();
            gate.release();
            ServeFixtures.await(WAIT, "w.csv is processed", () -> Files.exists(inbox.resolve("processed/w.csv")));
            Thread.sleep(1_500); // a second run of it would have been taken by now
            List<Map<String, Object>> files = runs(jdbc).stream()
                    .filter(run -> "FILE".equals(run.get("TRIGGER_KIND")))
                    .toList();
            assertThat(files).as("the replaced file ran once").hasSize(1);
            assertThat((String) files.get(0).get("REPORT_JSON")).contains("\"rows_read\":50");
            assertThat(((OffsetDateTime) files.get(0).get("AS_OF")).toInstant())
                    .as("as of when its run started, not when the file was taken")
                    .isAfterOrEqualTo(released.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(inbox.resolve("w.csv")).doesNotExist();
        }
    }

    @Test
    void filesWaitingTheirTurnAtShutdownStayQuietlyAndRunAtTheNextStart() throws Exception {
        Path first = folder.resolve("first.csv");
        CustomerGenerator.write(3_000, first, 1);
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
                new ch.qos.logback.core.read.ListAppender<>();
        said.start();
        RunGate gate = RunGate.holdingChunk(1);
        try {
            try (ConfigurableApplicationContext service = ServeFixtures.serve(
                    gate, jobs, folder.resolve("out"), database, "--segment-batch.chunk-size=1000")) {
                root.addAppender(said); // once started: Spring Boot's start sets logging up anew
                Files.createDirectories(inbox);
                Files.move(first, inbox.resolve("a-first.csv"), StandardCopyOption.ATOMIC_MOVE);
                gate.awaitHeld(WAIT);
                drop("customers-1.csv", "b-queued.csv");
                drop("customers-2.csv", "c-queued.csv");
                Thread.sleep(1_500); // polls take both: they wait their turn behind a-first.csv
                // the stop asked for at shutdown ends the held run at its next commit, once the gate opens
                Thread release = new Thread(() -> {
                    try {
                        Thread.sleep(1_500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    gate.release();
                });
                release.start();
            }
        } finally {
            gate.release();
            root.detachAppender(said);
        }
        assertThat(said.list)
                .as("a shutdown with files waiting is a normal stop")
                .noneMatch(event -> event.getFormattedMessage().contains("Dispatcher has no subscribers")
                        || (event.getThrowableProxy() != null
                                && event.getThrowableProxy().getMessage() != null
                                && event.getThrowableProxy().getMessage().contains("Dispatcher has no subscribers")));
        assertThat(inbox.resolve("b-queued.csv")).exists();
        assertThat(inbox.resolve("c-queued.csv")).exists();

        try (ConfigurableApplicationContext service = serve()) {
            ServeFixtures.await(
                    WAIT,
                    "the files that waited have run",
                    () -> Files.exists(inbox.resolve("processed/b-queued.csv"))
                            && Files.exists(inbox.resolve("processed/c-queued.csv"))
                            && Files.exists(inbox.resolve("processed/a-first.csv")));
        }
    }

    /** Serve mode whose first run waits at its first chunk of 1,000 customers until the test releases {@code gate}. */
    private ConfigurableApplicationContext serveHolding(RunGate gate) {
        return ServeFixtures.serve(gate, jobs, folder.resolve("out"), database, "--segment-batch.chunk-size=1000");
    }

    private ConfigurableApplicationContext serve(String... extra) {
        return ServeFixtures.serve(jobs, folder.resolve("out"), database, extra);
    }

    @Test
    void aHeldRunsFileWaitsInHeldThenGoesToFailedWhenDiscardedOrToProcessedWhenApproved() throws Exception {
        JobFile.of("job-segments.json")
                .name("dropped")
                .input(RunFixtures.copy("customers-1.csv", folder))
                .set("inbox", inbox.toString()) // the job's default guards hold an export of no customers
                .writeTo(jobs);
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            HeldRuns held = service.getBean(HeldRuns.class);
            drop("customers-1.csv", "base.csv");
            ServeFixtures.await(WAIT, "base.csv is processed", () -> Files.exists(inbox.resolve("processed/base.csv")));

            String discarded = heldRunOf("empty.csv", jdbc);
            assertThat(Files.readString(inbox.resolve("held/" + discarded + "_empty.csv.held.txt")))
                    .contains("run: " + discarded, "segment-batch approve " + discarded)
                    .containsPattern("report: .*" + discarded + "/report\\.html");
            assertThat(inbox.resolve("failed/empty.csv")).doesNotExist();
            held.discard(discarded);
            assertThat(inbox.resolve("failed/empty.csv")).exists();
            assertThat(Files.readString(inbox.resolve("failed/empty.csv.error.txt")))
                    .contains("run: " + discarded, "was discarded")
                    .as("the file as it was dropped, not as it waited in held/")
                    .contains("file: " + inbox.resolve("empty.csv"));
            assertThat(inbox.resolve("held/" + discarded + "_empty.csv")).doesNotExist();
            assertThat(inbox.resolve("held/" + discarded + "_empty.csv.held.txt"))
                    .doesNotExist();

            String approved = heldRunOf("empty-again.csv", jdbc);
            held.approve(approved);
            assertThat(inbox.resolve("processed/empty-again.csv")).exists();
            assertThat(inbox.resolve("failed/empty-again.csv")).doesNotExist();
            assertThat(inbox.resolve("held/" + approved + "_empty-again.csv.held.txt"))
                    .doesNotExist();
        }
    }

    /** Drops an export of no customers under this name and waits for its run to be held; returns the run's ID. */
    private String heldRunOf(String name, JdbcTemplate jdbc) throws IOException {
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, "id,name,email\n");
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        ServeFixtures.await(WAIT, name + "'s run is held", () -> {
            List<Map<String, Object>> runs = runs(jdbc);
            Map<String, Object> last = runs.get(runs.size() - 1);
            return ((String) last.get("INPUT_FILES_JSON")).endsWith(name + "\"]")
                    && "HELD".equals(last.get("STATUS"))
                    && Files.exists(inbox.resolve("held/" + last.get("RUN_ID") + "_" + name));
        });
        List<Map<String, Object>> runs = runs(jdbc);
        return (String) runs.get(runs.size() - 1).get("RUN_ID");
    }

    /**
     * Drops a file that arrives after every file in the inbox and waits until it is processed. Files run one after
     * another in arrival order, so by then every file that a poll took has run: what did not run was not taken.
     */
    private void dropLastAndAwait() throws IOException {
        long before = processedLast();
        drop("customers-2.csv", LAST);
        ServeFixtures.await(
                WAIT, LAST + " is processed", () -> processedLast() > before && !Files.exists(inbox.resolve(LAST)));
    }

    private long processedLast() {
        try (Stream<Path> processed = Files.list(inbox.resolve("processed"))) {
            return processed
                    .filter(file -> file.getFileName().toString().endsWith(LAST))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path drop(String resource, String name) throws IOException {
        Files.createDirectories(inbox);
        Path copy = RunFixtures.copy(resource, folder);
        return Files.move(copy, inbox.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Map<String, Object>> runs(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT * FROM sb_run WHERE job_name = 'dropped' ORDER BY run_no");
    }
}
