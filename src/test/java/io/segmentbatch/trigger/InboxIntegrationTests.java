package io.segmentbatch.trigger;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.customer.CustomerGenerator;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    void aFileRunsOnceItHasItsFinalNameAndEndsInProcessedOrFailedAndARestartRunsNothingTwice() throws Exception {
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

        // while the service is down: the processed file reappears unchanged (as if its move had been lost) and a new one arrives
        Files.copy(inbox.resolve("processed/good.csv"), inbox.resolve("good.csv"), StandardCopyOption.COPY_ATTRIBUTES);
        drop("customers-2.csv", "later.csv");

        try (ConfigurableApplicationContext service = serve()) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            ServeFixtures.await(WAIT, "later.csv is processed", () -> Files.exists(inbox.resolve("processed/later.csv")));
            ServeFixtures.await(WAIT, "good.csv has left the inbox", () -> !Files.exists(inbox.resolve("good.csv")));
            Thread.sleep(600);
            List<Map<String, Object>> runs = runs(jdbc);
            assertThat(runs).hasSize(3);
            assertThat(runs.stream().filter(run -> ((String) run.get("INPUT_FILES_JSON")).endsWith("good.csv\"]"))).hasSize(1);
            assertThat(runs.get(2).get("STATUS")).isEqualTo("COMPLETED");
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

    private ConfigurableApplicationContext serve() {
        return ServeFixtures.serve(jobs, folder.resolve("out"), database);
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
