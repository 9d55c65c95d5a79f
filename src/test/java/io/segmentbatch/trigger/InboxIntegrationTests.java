package io.segmentbatch.trigger;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.sample.CustomerGenerator;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.jdbc.metadata.JdbcMetadataStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** File drops on a running service: real folders, a real database, the service stopped and started again. */
class InboxIntegrationTests {
    private static final Duration WAIT = Duration.ofSeconds(60);

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
        ServeFixtures.job("job-segments.json", "dropped", RunFixtures.copy("customers-1.csv", exports), jobs,
                "\"inbox\": \"" + inbox + "\"");
    }

    @Test
    void aFileRunsOnceItHasItsFinalNameAndEndsInProcessedOrFailedAndACopyDroppedAgainRunsAgain() throws Exception {
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            Path part = drop("customers-1.csv", "good.csv.part");
            Files.writeString(inbox.resolve(".hidden.csv"), "id\ncust_z\n");
            Files.writeString(inbox.resolve("other.csv.tmp"), "id\ncust_z\n");
            Thread.sleep(800);
            assertThat(runs(jdbc)).as("nothing runs before the rename").isEmpty();

            Files.move(part, inbox.resolve("good.csv"), StandardCopyOption.ATOMIC_MOVE);
            ServeFixtures.await(WAIT, "good.csv is processed", () -> Files.exists(inbox.resolve("processed/good.csv")));
            assertThat(runs(jdbc)).singleElement().satisfies(run -> {
                assertThat(run.get("TRIGGER_KIND")).isEqualTo("FILE");
                assertThat(run.get("STATUS")).isEqualTo("COMPLETED");
                assertThat((String) run.get("REPORT_JSON")).contains("\"trigger\":\"file\"");
            });

            Path bad = inbox.resolve("bad.csv.part");
            Files.writeString(bad, "shoe_size,favourite_colour\n42,blue\n");
            Files.move(bad, inbox.resolve("bad.csv"), StandardCopyOption.ATOMIC_MOVE);
            ServeFixtures.await(WAIT, "bad.csv has failed", () -> Files.exists(inbox.resolve("failed/bad.csv.error.txt")));
            assertThat(inbox.resolve("failed/bad.csv")).exists();
            assertThat(Files.readString(inbox.resolve("failed/bad.csv.error.txt"))).contains("job: dropped", "reason: ");
            assertThat(inbox.resolve(".hidden.csv")).exists();
            assertThat(inbox.resolve("other.csv.tmp")).exists();
        }

        // while the service is down: a byte-for-byte copy of the processed file with its modification time
        // (cp -p) is dropped again, and a new file arrives
        Files.copy(inbox.resolve("processed/good.csv"), inbox.resolve("good.csv"), StandardCopyOption.COPY_ATTRIBUTES);
        drop("customers-2.csv", "later.csv");

        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(WAIT, "later.csv is processed", () -> Files.exists(inbox.resolve("processed/later.csv")));
            ServeFixtures.await(WAIT, "good.csv has left the inbox", () -> !Files.exists(inbox.resolve("good.csv")));
            Thread.sleep(600);
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).hasSize(4);
            List<Map<String, Object>> good = runs.stream()
                    .filter(run -> ((String) run.get("INPUT_FILES_JSON")).endsWith("good.csv\"]")).toList();
            assertThat(good).as("the copy is a new drop: it runs, never sits in the inbox unexplained").hasSize(2)
                    .allSatisfy(run -> assertThat(run.get("STATUS")).isEqualTo("COMPLETED"));
            assertThat(inbox.resolve("processed/" + good.get(1).get("RUN_ID") + "_good.csv")).exists();
            assertThat(runs.get(3).get("STATUS")).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aNewFileUnderTheNameOfAProcessedOneRunsWhetherDroppedWhileDownOrWhileServing() throws Exception {
        try (ConfigurableApplicationContext service = serve()) {
            drop("customers-1.csv", "customers.csv");
            ServeFixtures.await(WAIT, "customers.csv is processed", () -> Files.exists(inbox.resolve("processed/customers.csv")));
        }
        // the exporter writes the same name every day: other content, a new modification time
        drop("customers-2.csv", "customers.csv");
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(WAIT, "the new customers.csv is processed", () -> runs(jdbc).size() == 2
                    && !Files.exists(inbox.resolve("customers.csv")));
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).extracting(run -> run.get("STATUS")).containsExactly("COMPLETED", "COMPLETED");
            assertThat((String) runs.get(1).get("REPORT_JSON")).contains("\"trigger\":\"file\"");
            assertThat(inbox.resolve("processed/" + runs.get(1).get("RUN_ID") + "_customers.csv"))
                    .hasSameBinaryContentAs(RunFixtures.copy("customers-2.csv", folder));

            // and a cp -p of a processed file while the service runs is a new drop as well
            Files.copy(inbox.resolve("processed/customers.csv"), inbox.resolve("customers.csv"), StandardCopyOption.COPY_ATTRIBUTES);
            ServeFixtures.await(WAIT, "the copy is processed", () -> runs(jdbc).size() == 3
                    && "COMPLETED".equals(runs(jdbc).get(2).get("STATUS")) && !Files.exists(inbox.resolve("customers.csv")));
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
            service.getBean(JdbcMetadataStore.class).put("inbox:dropped:" + good.toAbsolutePath(),
                    new InboxLedger.Entry(Files.size(processed), processed.toFile().lastModified(),
                            runCreated.minusMillis(5)).value());
            Files.copy(processed, good, StandardCopyOption.COPY_ATTRIBUTES);
            Thread.sleep(800);
            assertThat(runs(jdbc)).as("an entry with the same content: taken already").hasSize(1);
            assertThat(ledger.taken(good.toFile())).isTrue();
        }
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(WAIT, "good.csv has left the inbox", () -> !Files.exists(inbox.resolve("good.csv")));
            Thread.sleep(800);
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).hasSize(1);
            assertThat(inbox.resolve("processed/" + runs.get(0).get("RUN_ID") + "_good.csv")).exists();
        }
    }

    @Test
    void aFileWrittenInSlicesUnderItsFinalNameRunsOnceWhenItHasStoppedChanging() throws Exception {
        Path whole = folder.resolve("whole.csv");
        CustomerGenerator.write(3_000, whole, 5);
        byte[] bytes = Files.readAllBytes(whole);
        try (ConfigurableApplicationContext service = serve("--segment-batch.serve.min-file-age=2s")) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            Path target = inbox.resolve("sliced.csv");
            int slices = 5;
            Instant lastWrite = null;
            for (int i = 0; i < slices; i++) {
                // cut anywhere, mid-line included, as an exporter flushing its buffer does
                int from = bytes.length * i / slices;
                int to = bytes.length * (i + 1) / slices;
                Files.write(target, java.util.Arrays.copyOfRange(bytes, from, to),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                lastWrite = Instant.now();
                if (i < slices - 1) {
                    Thread.sleep(500);
                    assertThat(runs(jdbc)).as("nothing runs while the file still changes (slice " + (i + 1) + ")").isEmpty();
                }
            }
            ServeFixtures.await(WAIT, "sliced.csv is processed", () -> Files.exists(inbox.resolve("processed/sliced.csv")));
            Thread.sleep(800);
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.get("STATUS")).isEqualTo("COMPLETED");
                assertThat((String) run.get("REPORT_JSON")).contains("\"rows_read\":3000", "\"rows_rejected\":0");
            });
            // file times lag the clock by up to a tick or so: a margin, well clear of the last write
            assertThat(((OffsetDateTime) runs.get(0).get("CREATED_AT")).toInstant()).isAfter(lastWrite.plusMillis(1000));
        }
    }

    @Test
    void filesDroppedTogetherRunOneAfterTheOtherInArrivalOrder() throws Exception {
        Path first = folder.resolve("first.csv");
        Path second = folder.resolve("second.csv");
        CustomerGenerator.write(3_000, first, 1);
        CustomerGenerator.write(3_000, second, 2);
        first.toFile().setLastModified(System.currentTimeMillis() - 60_000);
        second.toFile().setLastModified(System.currentTimeMillis() - 30_000);
        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            Files.move(second, inbox.resolve("second.csv"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(first, inbox.resolve("first.csv"), StandardCopyOption.ATOMIC_MOVE);
            ServeFixtures.await(WAIT, "both files are processed", () -> Files.exists(inbox.resolve("processed/first.csv"))
                    && Files.exists(inbox.resolve("processed/second.csv")));

            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).hasSize(2);
            assertThat((String) runs.get(0).get("INPUT_FILES_JSON")).endsWith("first.csv\"]");
            assertThat((String) runs.get(1).get("INPUT_FILES_JSON")).endsWith("second.csv\"]");
            OffsetDateTime firstEnded = (OffsetDateTime) runs.get(0).get("FINISHED_AT");
            OffsetDateTime secondStarted = (OffsetDateTime) runs.get(1).get("CREATED_AT");
            assertThat(secondStarted).as("the second run starts after the first ended").isAfterOrEqualTo(firstEnded);
        }
    }

    private ConfigurableApplicationContext serve(String... extra) {
        return ServeFixtures.serve(jobs, folder.resolve("out"), database, extra);
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
