package io.segmentbatch.trigger;

import io.micrometer.core.instrument.MeterRegistry;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.sample.CustomerGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Cron schedules on a running service, and what a shutdown does to a run in the middle. */
class ScheduleAndShutdownIntegrationTests {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path folder;

    private final String database = ServeFixtures.h2Url("schedule");

    @Test
    void aScheduleFiringEverySecondRunsTheJobAndSkipsTicksWhileItRuns() throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Path big = folder.resolve("big.csv");
        // long enough to outlast a one-second tick even on a quiet machine with the partitioned evaluation
        CustomerGenerator.write(120_000, big, 3);
        ServeFixtures.job("job-all.json", "ticking", big, jobs, "\"schedule\": { \"cron\": \"* * * * * *\", \"zone\": \"UTC\" }");

        try (ConfigurableApplicationContext service = serve(jobs)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            ServeFixtures.await(WAIT, "a tick is skipped while the first run goes", () -> {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_run WHERE job_name = 'ticking'"
                        + " AND status IN ('STARTING', 'STARTED')", Integer.class)).as("runs going at once").isLessThanOrEqualTo(1);
                return meters.counter("segment_batch.schedule.skipped", "job_name", "ticking").count() >= 1;
            });
            ServeFixtures.await(WAIT, "the first run completes", () -> "COMPLETED".equals(firstRunStatus(jdbc)));
            String report = jdbc.queryForObject("SELECT report_json FROM sb_run WHERE job_name = 'ticking' ORDER BY run_no LIMIT 1", String.class);
            assertThat(report).contains("\"trigger\":\"schedule\"", "\"customers\":120000");
        }
    }

    @Test
    void aShutdownStopsARunAtItsNextCommitAndTheRunRestartsFromThere() throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Path big = folder.resolve("big.csv");
        CustomerGenerator.write(12_000, big, 5);
        ServeFixtures.job("job-all.json", "stopping", big, jobs, "");
        ServeFixtures.job("job-all.json", "reference", big, jobs, "");
        String runId;
        try (ConfigurableApplicationContext service = serve(jobs)) {
            int port = ServeFixtures.port(service);
            runId = ServeFixtures.call(port, "POST", "/v1/jobs/stopping/runs", null).body().get("id").asString();
            ServeFixtures.await(WAIT, "the evaluate step has committed", () -> {
                JsonNode steps = ServeFixtures.call(port, "GET", "/v1/jobs/stopping/runs/" + runId, null).body().get("steps");
                return !steps.isEmpty() && steps.get(0).get("commit_count").asLong() >= 1;
            });
        }
        try (ConfigurableApplicationContext service = serve(jobs)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId)).isEqualTo("STOPPED");
            int port = ServeFixtures.port(service);
            assertThat(ServeFixtures.call(port, "POST", "/v1/jobs/stopping/runs/" + runId + "/restart", null).status()).isEqualTo(202);
            ServeFixtures.await(WAIT, "the restarted run completes", () -> "COMPLETED".equals(
                    jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId)));
            JsonNode run = ServeFixtures.call(port, "GET", "/v1/jobs/stopping/runs/" + runId, null).body();
            assertThat(run.at("/report/input/customers").asLong()).isEqualTo(12_000);
            String reference = ServeFixtures.call(port, "POST", "/v1/jobs/reference/runs", null).body().get("id").asString();
            ServeFixtures.await(WAIT, "the uninterrupted run completes", () -> "COMPLETED".equals(
                    jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, reference)));
            JsonNode uninterrupted = ServeFixtures.call(port, "GET", "/v1/jobs/reference/runs/" + reference, null).body();
            assertThat(run.at("/report/segments/0/customers_count").asLong()).isPositive()
                    .isEqualTo(uninterrupted.at("/report/segments/0/customers_count").asLong());
            assertThat(run.at("/report/segments/0/entered").asLong())
                    .isEqualTo(uninterrupted.at("/report/segments/0/entered").asLong());
        }
    }

    private ConfigurableApplicationContext serve(Path jobs) {
        return ServeFixtures.serve(jobs, folder.resolve("out"), database, "--segment-batch.chunk-size=500");
    }

    private static String firstRunStatus(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT status FROM sb_run WHERE job_name = 'ticking' ORDER BY run_no LIMIT 1", String.class)
                .stream().findFirst().orElse(null);
    }
}
