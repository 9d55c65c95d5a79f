package io.segmentbatch.api;

import io.segmentbatch.RunGate;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.ServeFixtures.Response;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API over real HTTP on a random port: launch, follow, report, and every error in Voucherify's envelope. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RestApiIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("rest-api");
    private static final Path EXPORTS = FOLDER.resolve("exports");
    private static final Path JOBS = FOLDER.resolve("jobs");
    private static final Path INBOX = FOLDER.resolve("inbox");

    static {
        try {
            Files.createDirectories(EXPORTS);
            Files.createDirectories(JOBS);
            Files.createDirectories(INBOX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path customers = RunFixtures.copy("customers-1.csv", EXPORTS);
        RunFixtures.copy("customers-2.csv", EXPORTS);
        RunFixtures.copy("customers-1.csv", FOLDER);
        JobFile.of("job-segments.json")
                .name("segments")
                .input(customers)
                .set("inbox", INBOX.toString())
                .setJson("schedule", "{\"cron\": \"0 30 2 * * *\", \"zone\": \"Europe/Warsaw\"}")
                .writeTo(JOBS);
        RunFixtures.job("job-all.json", "held", customers, JOBS);
        JobFile.of("job-all.json")
                .name("failing")
                .input(RunFixtures.copy("customers-bad.csv", EXPORTS))
                .set("skip_limit", 1)
                .writeTo(JOBS);
    }

    /** Holds a run of the {@code held} job while the test launches it again. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Gate {
        @Bean
        static RunGate runGate() {
            return new RunGate();
        }
    }

    @Autowired
    RunGate gate;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void serve(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> ServeFixtures.h2Url("rest"));
        registry.add("segment-batch.serve.jobs", JOBS::toString);
        registry.add("segment-batch.serve.output", () -> FOLDER.resolve("out").toString());
        registry.add("segment-batch.app-id", () -> ServeFixtures.APP_ID);
        registry.add("segment-batch.app-token", () -> ServeFixtures.APP_TOKEN);
        registry.add("segment-batch.chunk-size", () -> "500");
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void aLaunchAnswers202WithTheRunAndItsLocationThenThePolledRunEndsWithItsReport() {
        Response launched = call("POST", "/v1/jobs/segments/runs", "{\"as_of\": \"2026-11-01T12:00:00Z\"}");

        assertThat(launched.status()).isEqualTo(202);
        String runId = launched.body().get("id").asString();
        assertThat(runId).startsWith("run_");
        assertThat(launched.header("Location")).isEqualTo("/v1/jobs/segments/runs/" + runId);
        assertThat(launched.body().get("trigger").asString()).isEqualTo("api");

        JsonNode run = awaitEnd("segments", runId);
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.at("/report/job/trigger").asString()).isEqualTo("api");
        assertThat(run.at("/report/job/as_of").asString()).isEqualTo("2026-11-01T12:00:00.000Z");
        assertThat(run.at("/report/input/customers").asLong()).isEqualTo(8);
        assertThat(run.at("/report/segments").size()).isEqualTo(4);
        assertThat(run.get("steps").get(0).get("name").asString()).isEqualTo("evaluate");
        assertThat(run.get("steps").get(0).get("read_count").asLong()).isEqualTo(8);
    }

    @Test
    void anInputInsideTheJobsInputFolderOrInboxIsRead() throws IOException {
        Response launched =
                call("POST", "/v1/jobs/segments/runs", "{\"input\": \"" + EXPORTS.resolve("customers-2.csv") + "\"}");
        assertThat(launched.status()).as(launched.raw().body()).isEqualTo(202);
        JsonNode run = awaitEnd("segments", launched.body().get("id").asString());
        assertThat(run.at("/report/input/files/0").asString()).endsWith("customers-2.csv");

        Files.copy(EXPORTS.resolve("customers-1.csv"), INBOX.resolve("manual.csv.part"));
        Response fromInbox =
                call("POST", "/v1/jobs/segments/runs", "{\"input\": \"" + INBOX.resolve("manual.csv.part") + "\"}");
        assertThat(fromInbox.status()).as(fromInbox.raw().body()).isEqualTo(202);
        JsonNode inboxRun = awaitEnd("segments", fromInbox.body().get("id").asString());
        assertThat(inboxRun.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(inboxRun.at("/report/input/files/0").asString()).endsWith("manual.csv.part");
        assertThat(inboxRun.at("/report/input/customers").asLong()).isEqualTo(8);
    }

    @Test
    void anInputOutsideTheAllowedFoldersIs400() {
        for (String input : List.of(
                EXPORTS + "/../customers-1.csv",
                "/etc/passwd",
                FOLDER.resolve("customers-1.csv").toString(),
                EXPORTS + "/../../../../etc/passwd",
                EXPORTS + "/*.csv")) {
            Response response = call("POST", "/v1/jobs/segments/runs", "{\"input\": \"" + input + "\"}");
            assertThat(response.status()).as(input).isEqualTo(400);
            assertEnvelope(response, 400);
        }
        assertThat(call("POST", "/v1/jobs/segments/runs", "{\"input\": \"" + EXPORTS.resolve("missing.csv") + "\"}")
                        .status())
                .isEqualTo(400);
        assertThat(call("POST", "/v1/jobs/segments/runs", "{\"as_of\": \"yesterday\"}")
                        .status())
                .isEqualTo(400);
        assertThat(call("POST", "/v1/jobs/segments/runs", "{not json").status()).isEqualTo(400);
    }

    @Test
    void aSecondLaunchWhileTheJobRunsIs409() {
        gate.holdAt(1);
        Response first = call("POST", "/v1/jobs/held/runs", null);
        assertThat(first.status()).isEqualTo(202);
        String firstId = first.body().get("id").asString();
        Response second;
        try {
            gate.awaitHeld(Duration.ofSeconds(60));
            second = call("POST", "/v1/jobs/held/runs", null);
            assertThat(call("GET", "/v1/jobs", null).body().toString())
                    .contains("\"active_run_id\":\"" + firstId + "\"");
        } finally {
            gate.release();
        }

        assertEnvelope(second, 409);
        assertThat(second.body().get("key").asString()).isEqualTo("job_running");
        assertThat(second.body().get("details").asString()).contains(firstId);
        assertThat(awaitEnd("held", firstId).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_run WHERE job_name = 'held'", Integer.class))
                .as("the refused launch left no run")
                .isOne();
    }

    @Test
    void unknownJobsAndRunsAre404() {
        assertEnvelope(call("POST", "/v1/jobs/nope/runs", null), 404);
        assertEnvelope(call("GET", "/v1/jobs/nope/runs/run_x", null), 404);
        assertEnvelope(call("GET", "/v1/jobs/segments/runs/run_x", null), 404);
        assertEnvelope(call("GET", "/v1/nothing-here", null), 404);
    }

    @Test
    void withoutOrWithWrongCredentialsEveryEndpointIs401() {
        for (String[] pair : new String[][] {
            {null, null},
            {ServeFixtures.APP_ID, null},
            {ServeFixtures.APP_ID, "wrong"},
            {"someone-else", ServeFixtures.APP_TOKEN}
        }) {
            Response list = ServeFixtures.call(port, "GET", "/v1/jobs", null, pair[0], pair[1]);
            Response launch = ServeFixtures.call(port, "POST", "/v1/jobs/segments/runs", null, pair[0], pair[1]);
            for (Response response : List.of(list, launch)) {
                assertEnvelope(response, 401);
                assertThat(response.body().get("key").asString()).isEqualTo("unauthorized");
                assertThat(response.body().get("message").asString()).isEqualTo("Unauthorized");
            }
        }
    }

    @Test
    void jobsAreListedWithScheduleNextRunInboxAndLastRun() {
        String last =
                call("POST", "/v1/jobs/segments/runs", null).body().get("id").asString();
        assertThat(awaitEnd("segments", last).get("status").asString()).isEqualTo("COMPLETED");
        // a preview after it is not the job's last run: it changed nothing
        String preview =
                call("POST", "/v1/jobs/segments/preview", null).body().get("id").asString();
        assertThat(awaitEnd("segments", preview).get("status").asString()).isEqualTo("PREVIEW");
        Response response = call("GET", "/v1/jobs", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("object").asString()).isEqualTo("list");
        assertThat(response.body().get("total").asInt()).isEqualTo(3);
        JsonNode segments = null;
        for (JsonNode job : response.body().get("jobs")) {
            if (job.get("name").asString().equals("segments")) {
                segments = job;
            }
        }
        assertThat(segments).isNotNull();
        assertThat(segments.at("/schedule/cron").asString()).isEqualTo("0 30 2 * * *");
        assertThat(segments.at("/schedule/zone").asString()).isEqualTo("Europe/Warsaw");
        assertThat(segments.get("next_run_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00\\.000Z");
        assertThat(segments.get("inbox").asString()).isEqualTo(INBOX.toString());
        assertThat(segments.at("/last_run/id").asString()).isEqualTo(last);
        assertThat(segments.at("/last_run/status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aFailedRunRestartsUnderItsOwnIdAndACompletedOneCannot() {
        String failed =
                call("POST", "/v1/jobs/failing/runs", null).body().get("id").asString();
        JsonNode first = awaitEnd("failing", failed);
        assertThat(first.get("status").asString()).isEqualTo("FAILED");

        Response restarted = call("POST", "/v1/jobs/failing/runs/" + failed + "/restart", null);
        assertThat(restarted.status()).as(restarted.raw().body()).isEqualTo(202);
        assertThat(restarted.body().get("id").asString()).isEqualTo(failed);
        assertThat(restarted.body().get("status").asString())
                .as("the reply says it is restarting, not the status it failed with")
                .isIn("STARTING", "STARTED");
        // the restart ends in a report of its own: another end time than the first attempt's
        JsonNode[] again = new JsonNode[1];
        ServeFixtures.await(Duration.ofSeconds(60), "the restart of " + failed + " ends", () -> {
            again[0] = awaitEnd("failing", failed);
            return !again[0].at("/report/job/finished_at").equals(first.at("/report/job/finished_at"));
        });
        assertThat(again[0].get("status").asString()).isEqualTo("FAILED");
        assertThat(again[0].at("/report/job/error").asString()).contains("skip_limit");

        // a REST user finds the failed run's ID to restart it in the job's list of runs
        JsonNode failedRuns = call("GET", "/v1/jobs/failing/runs?status=failed&limit=100", null)
                .body();
        assertThat(failedRuns.get("object").asString()).isEqualTo("list");
        assertThat(failedRuns.get("runs").valueStream().map(run -> run.get("id").asString()))
                .contains(failed);
        assertThat(failedRuns
                        .get("runs")
                        .valueStream()
                        .map(run -> run.get("status").asString()))
                .containsOnly("FAILED");
        assertThat(failedRuns.get("total").asLong())
                .isEqualTo(failedRuns.get("runs").size());
        assertEnvelope(call("GET", "/v1/jobs/failing/runs?status=broken", null), 400);
        assertEnvelope(call("GET", "/v1/jobs/no-such-job/runs", null), 404);

        String completed =
                call("POST", "/v1/jobs/segments/runs", null).body().get("id").asString();
        assertThat(awaitEnd("segments", completed).get("status").asString()).isEqualTo("COMPLETED");
        JsonNode newest = call("GET", "/v1/jobs/segments/runs?limit=1", null).body();
        assertThat(newest.at("/runs/0/id").asString()).as("newest first").isEqualTo(completed);
        assertThat(newest.at("/runs/0/trigger").asString()).isEqualTo("api");
        assertThat(newest.at("/runs/0/finished_at").asString()).endsWith("Z");
        assertThat(newest.get("runs").size()).isEqualTo(1);
        Response refused = call("POST", "/v1/jobs/segments/runs/" + completed + "/restart", null);
        assertEnvelope(refused, 400);
        assertThat(refused.body().get("details").asString()).contains("already completed");
    }

    @Test
    void healthIncludesTheDatabaseWithoutCredentialsItsDetailsAndMetricsNeedThem() {
        assertThat(awaitEnd(
                                "segments",
                                call("POST", "/v1/jobs/segments/runs", null)
                                        .body()
                                        .get("id")
                                        .asString())
                        .get("status")
                        .asString())
                .isEqualTo("COMPLETED");
        Response health = ServeFixtures.call(port, "GET", "/actuator/health", null, null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().at("/components/db/status").asString()).isEqualTo("UP");
        // anyone sees the statuses; only the credentials see what the database is and where the disk is
        assertThat(health.body().at("/components/db").has("details")).isFalse();
        assertThat(health.body().at("/components/diskSpace").has("details")).isFalse();
        Response detailed = ServeFixtures.call(port, "GET", "/actuator/health", null);
        assertThat(detailed.body().at("/components/db/details/database").asString())
                .isNotEmpty();
        assertThat(detailed.body().at("/components/diskSpace/details/free").asLong())
                .isPositive();
        assertEnvelope(ServeFixtures.call(port, "GET", "/actuator/metrics", null, null, null), 401);
        Response metrics = ServeFixtures.call(port, "GET", "/actuator/metrics", null);
        assertThat(metrics.body().get("names").toString()).contains("spring.batch.job");
    }

    private Response call(String method, String path, String body) {
        return ServeFixtures.call(port, method, path, body);
    }

    private JsonNode awaitEnd(String job, String runId) {
        JsonNode[] last = new JsonNode[1];
        ServeFixtures.await(Duration.ofSeconds(60), "run " + runId + " ends", () -> {
            Response response = call("GET", "/v1/jobs/" + job + "/runs/" + runId, null);
            assertThat(response.status()).isEqualTo(200);
            last[0] = response.body();
            String status = response.body().get("status").asString();
            return !status.equals("STARTING")
                    && !status.equals("STARTED")
                    && response.body().get("report") != null
                    && !response.body().get("report").isNull();
        });
        // the run's status is final a moment before its job is free again: the next launch must not find it busy
        ServeFixtures.await(Duration.ofSeconds(60), "job " + job + " is free", () -> {
            for (JsonNode listed : call("GET", "/v1/jobs", null).body().get("jobs")) {
                if (listed.get("name").asString().equals(job)) {
                    return listed.get("active_run_id").isNull();
                }
            }
            throw new AssertionError("no job " + job + " in GET /v1/jobs");
        });
        return last[0];
    }

    private static void assertEnvelope(Response response, int code) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(code);
        assertThat(response.body().propertyNames()).containsExactly("code", "key", "message", "details", "request_id");
        assertThat(response.body().get("code").asInt()).isEqualTo(code);
        assertThat(response.body().get("request_id").asString()).isNotBlank();
    }
}
