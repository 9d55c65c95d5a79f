package io.segmentbatch.trigger;

import io.micrometer.core.instrument.MeterRegistry;
import io.segmentbatch.RunGate;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cron schedules on a running service, and what a shutdown does to a run in the middle. The runs that must still be
 * going are held at a {@link RunGate}, so neither test depends on how long a run takes.
 */
class ScheduleAndShutdownIntegrationTests {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String EVALUATE_PARTITIONS =
            "SELECT s.STATUS, s.READ_COUNT, s.COMMIT_COUNT FROM BATCH_STEP_EXECUTION s"
                    + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'run.id'"
                    + " WHERE p.PARAMETER_VALUE = ? AND s.STEP_NAME LIKE 'evaluate-partition:%' ORDER BY s.STEP_EXECUTION_ID";

    @TempDir
    Path folder;

    private final String database = ServeFixtures.h2Url("schedule");

    @Test
    void aScheduleFiringEverySecondRunsTheJobAndSkipsTicksWhileItRuns() throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        JobFile.of("job-all.json")
                .name("ticking")
                .input(RunFixtures.copy("customers-1.csv", folder))
                .setJson("schedule", "{\"cron\": \"* * * * * *\", \"zone\": \"UTC\"}")
                .writeTo(jobs);
        RunGate gate = RunGate.holdingChunk(1);

        try (ConfigurableApplicationContext service = serve(gate, jobs)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            assertThat(meters.find("segment_batch.schedule.skipped")
                            .tags("job_name", "ticking")
                            .counter())
                    .as("listed from the start, before any tick is skipped")
                    .isNotNull();
            try {
                gate.awaitHeld(WAIT);
                String first = runIds(jdbc).get(0);
                ServeFixtures.await(
                        WAIT,
                        "two ticks are skipped while the first run is held",
                        () -> meters.counter("segment_batch.schedule.skipped", "job_name", "ticking")
                                        .count()
                                >= 2);
                assertThat(runIds(jdbc)).as("the skipped ticks started no run").containsExactly(first);
                assertThat(status(jdbc, first)).isEqualTo("STARTED");
            } finally {
                gate.release();
            }
            ServeFixtures.await(
                    WAIT,
                    "the first run completes",
                    () -> "COMPLETED".equals(status(jdbc, runIds(jdbc).get(0))));
            String report = jdbc.queryForObject(
                    "SELECT report_json FROM sb_run WHERE run_id = ?",
                    String.class,
                    runIds(jdbc).get(0));
            assertThat(report).contains("\"trigger\":\"schedule\"", "\"customers\":8");
        }
    }

    @Test
    void aTickWhoseInputIsMissingStartsNoRunAndIsCounted() throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        JobFile.of("job-all.json")
                .name("missing")
                .setJson(
                        "input",
                        "{\"path\": \""
                                + folder.resolve("not-yet/*.csv").toString().replace("\\", "/") + "\"}")
                .setJson("schedule", "{\"cron\": \"* * * * * *\", \"zone\": \"UTC\"}")
                .writeTo(jobs);
        RunGate gate = RunGate.holdingChunk(1);
        try (ConfigurableApplicationContext service = serve(gate, jobs)) {
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            ServeFixtures.await(
                    WAIT,
                    "two ticks could not start a run",
                    () -> meters.counter("segment_batch.schedule.not_started", "job_name", "missing")
                                    .count()
                            >= 2);
            assertThat(service.getBean(JdbcTemplate.class)
                            .queryForObject("SELECT COUNT(*) FROM sb_run WHERE job_name = 'missing'", Integer.class))
                    .isZero();
        } finally {
            gate.release();
        }
    }

    @Test
    void aShutdownStopsARunAtItsNextCommitAndTheRunRestartsFromThere() throws Exception {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Path export = folder.resolve("customers.csv");
        CustomerGenerator.write(3_000, export, 5);
        RunFixtures.job("job-all.json", "stopping", export, jobs);
        RunFixtures.job("job-all.json", "reference", export, jobs);
        // chunks of 500: the first is committed, the second is held until the shutdown has asked the run to stop
        RunGate gate = RunGate.holdingChunk(2);
        String runId;
        ConfigurableApplicationContext stopped = serve(gate, jobs);
        try {
            runId = ServeFixtures.call(ServeFixtures.port(stopped), "POST", "/v1/jobs/stopping/runs", null)
                    .body()
                    .get("id")
                    .asString();
            gate.awaitHeld(WAIT);
            JdbcTemplate jdbc = stopped.getBean(JdbcTemplate.class);
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(stopped::close);
            // the job operator marks the execution (Spring Batch 6 writes STOPPED at once); the step sees it at its
            // next commit
            ServeFixtures.await(
                    WAIT,
                    "the shutdown asks the run to stop",
                    () -> !"STARTED"
                            .equals(jdbc.queryForObject(
                                    "SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                                            + " AND p.PARAMETER_NAME = 'run.id' WHERE p.PARAMETER_VALUE = ?",
                                    String.class,
                                    runId)));
            gate.release();
            shutdown.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            gate.release();
            stopped.close();
        }

        try (ConfigurableApplicationContext service = serve(null, jobs)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            assertThat(status(jdbc, runId)).isEqualTo("STOPPED");
            assertThat(jdbc.queryForList(EVALUATE_PARTITIONS, runId))
                    .as("stopped at the commit after the held chunk")
                    .containsExactly(Map.of("STATUS", "STOPPED", "READ_COUNT", 1_000L, "COMMIT_COUNT", 2L));
            int port = ServeFixtures.port(service);
            assertThat(ServeFixtures.call(port, "POST", "/v1/jobs/stopping/runs/" + runId + "/restart", null)
                            .status())
                    .isEqualTo(202);
            ServeFixtures.await(WAIT, "the restarted run completes", () -> "COMPLETED".equals(status(jdbc, runId)));
            assertThat(jdbc.queryForList(EVALUATE_PARTITIONS, runId))
                    .as("the restart reads on from the last commit")
                    .extracting(row -> row.get("STATUS") + " " + row.get("READ_COUNT"))
                    .containsExactly("STOPPED 1000", "COMPLETED 2000");
            JsonNode run = ServeFixtures.call(port, "GET", "/v1/jobs/stopping/runs/" + runId, null)
                    .body();
            assertThat(run.at("/report/input/customers").asLong()).isEqualTo(3_000);
            String reference = ServeFixtures.call(port, "POST", "/v1/jobs/reference/runs", null)
                    .body()
                    .get("id")
                    .asString();
            ServeFixtures.await(
                    WAIT, "the uninterrupted run completes", () -> "COMPLETED".equals(status(jdbc, reference)));
            JsonNode uninterrupted = ServeFixtures.call(port, "GET", "/v1/jobs/reference/runs/" + reference, null)
                    .body();
            assertThat(run.at("/report/segments/0/customers_count").asLong())
                    .isPositive()
                    .isEqualTo(uninterrupted
                            .at("/report/segments/0/customers_count")
                            .asLong());
            assertThat(run.at("/report/segments/0/entered").asLong())
                    .isEqualTo(uninterrupted.at("/report/segments/0/entered").asLong());
        }
    }

    private ConfigurableApplicationContext serve(RunGate gate, Path jobs) {
        String[] settings = {"--segment-batch.chunk-size=500"};
        return gate == null
                ? ServeFixtures.serve(jobs, folder.resolve("out"), database, settings)
                : ServeFixtures.serve(gate, jobs, folder.resolve("out"), database, settings);
    }

    private static List<String> runIds(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT run_id FROM sb_run WHERE job_name = 'ticking' ORDER BY run_no", String.class);
    }

    private static String status(JdbcTemplate jdbc, String runId) {
        return jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId);
    }
}
