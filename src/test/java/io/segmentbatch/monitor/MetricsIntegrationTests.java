package io.segmentbatch.monitor;

import io.segmentbatch.SegmentBatchApplication;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@code /actuator/prometheus} of a running service, scraped over HTTP after a run: Spring Batch's metrics and
 * segment-batch's own, whose gauges come back with the same values after the service restarts.
 */
class MetricsIntegrationTests {
    private static final String JOB = "metrics";
    private final Path folder = ServeFixtures.tempFolder("metrics");
    private final String database = ServeFixtures.h2Url("metrics");
    private ConfigurableApplicationContext service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aScrapeAfterARunShowsEveryMetricAndTheGaugesSurviveARestart() throws Exception {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Path input = RunFixtures.copy("customers-bad.csv", Files.createDirectories(folder.resolve("exports")));
        RunFixtures.job("job-segments.json", JOB, input, jobs);
        service = start(jobs);
        int port = ServeFixtures.port(service);
        String runId = ServeFixtures.call(port, "POST", "/v1/jobs/" + JOB + "/runs", null)
                .body()
                .get("id")
                .asString();
        JsonNode report = awaitReport(port, runId);

        String scrape = scrape(port);
        assertThat(scrape)
                .contains(
                        "spring_batch_job_seconds_count{",
                        "spring_batch_step_seconds_count{",
                        "spring.batch.step.name=\"evaluate\"".replace('.', '_'));
        assertThat(scrape)
                .contains(
                        "spring_batch_item_read_seconds_count{",
                        "spring_batch_item_process_seconds_count{",
                        "spring_batch_chunk_write_seconds_count{",
                        // a rejected row's read
                        "spring_batch_item_read_status=\"FAILURE\"",
                        "error=\"RejectedRowException\"");
        long rowsRead = report.at("/input/rows_read").asLong();
        long rejected = report.at("/input/rows_rejected").asLong();
        assertThat(rejected).isPositive();
        assertThat(value(scrape, "segment_batch_run_rows_read", "job_name=\"" + JOB + "\""))
                .isEqualTo(rowsRead);
        assertThat(value(scrape, "segment_batch_run_rows_rejected", "job_name=\"" + JOB + "\""))
                .isEqualTo(rejected);
        assertThat(value(scrape, "segment_batch_run_duration_seconds", "job_name=\"" + JOB + "\""))
                .isGreaterThan(0);
        double finished = value(scrape, "segment_batch_run_last_completed_seconds", "job_name=\"" + JOB + "\"");
        assertThat(finished).isCloseTo(System.currentTimeMillis() / 1000.0, offset(120.0));
        assertThat(value(scrape, "segment_batch_runs_total", "status=\"COMPLETED\""))
                .isEqualTo(1);
        for (JsonNode segment : report.get("segments")) {
            String name = "segment=\"" + segment.at("/segment/name").asString() + "\"";
            assertThat(value(scrape, "segment_batch_segment_members", name))
                    .as(name)
                    .isEqualTo(segment.get("customers_count").asLong());
            if (segment.has("entered")) {
                assertThat(value(scrape, "segment_batch_segment_entered", name))
                        .isEqualTo(segment.get("entered").asLong());
                assertThat(value(scrape, "segment_batch_segment_left", name))
                        .isEqualTo(segment.get("left").asLong());
            }
        }
        assertThat(value(scrape, "segment_batch_delivery_backlog", "destination=\"test-webhook\""))
                .isEqualTo(7);

        service.close();
        // a job that serve no longer serves, run once more from the command line on the same database
        Path retired = RunFixtures.job("job-segments.json", "retired-" + JOB, input, folder);
        assertThat(io.segmentbatch.trigger.Cli.execute(
                        "run",
                        retired.toString(),
                        "--output",
                        folder.resolve("out").toString(),
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=sa",
                        "--spring.datasource.password="))
                .isEqualTo(0);
        service = start(jobs);
        String afterRestart = scrape(ServeFixtures.port(service));
        assertThat(afterRestart).as("only the served jobs").doesNotContain("job_name=\"retired-" + JOB + "\"");
        assertThat(value(afterRestart, "segment_batch_run_last_completed_seconds", "job_name=\"" + JOB + "\""))
                .isEqualTo(finished);
        assertThat(value(afterRestart, "segment_batch_run_rows_read", "job_name=\"" + JOB + "\""))
                .isEqualTo(rowsRead);
        assertThat(value(afterRestart, "segment_batch_segment_members", "segment=\"Warsaw\""))
                .isEqualTo(value(scrape, "segment_batch_segment_members", "segment=\"Warsaw\""));
    }

    @Test
    void anApprovedHeldRunIsTheJobsLastCompletedRunInTheMetricsAndOnItsPage() throws Exception {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Path exports = Files.createDirectories(folder.resolve("exports"));
        Path input = RunFixtures.copy("customers-1.csv", exports);
        RunFixtures.job("job-segments.json", JOB, input, jobs);
        service = start(jobs);
        int port = ServeFixtures.port(service);
        String first = ServeFixtures.call(port, "POST", "/v1/jobs/" + JOB + "/runs", null)
                .body()
                .get("id")
                .asString();
        long rowsRead = awaitReport(port, first).at("/input/rows_read").asLong();
        assertThat(rowsRead).isPositive();

        // a header-only export: the default guards hold it
        Path headerOnly = exports.resolve("header-only.csv");
        Files.writeString(headerOnly, Files.readAllLines(input).get(0) + "\n");
        String held = ServeFixtures.call(
                        port, "POST", "/v1/jobs/" + JOB + "/runs", "{\"input\": \"" + headerOnly + "\"}")
                .body()
                .get("id")
                .asString();
        ServeFixtures.await(
                Duration.ofSeconds(60),
                "run " + held + " is held",
                () -> "HELD"
                        .equals(ServeFixtures.call(port, "GET", "/v1/jobs/" + JOB + "/runs/" + held, null)
                                .body()
                                .get("status")
                                .asString()));
        assertThat(value(scrape(port), "segment_batch_run_rows_read", "job_name=\"" + JOB + "\""))
                .isEqualTo(rowsRead);
        Path page = folder.resolve("out").resolve(JOB).resolve(held).resolve("report.html");
        String heldPage = Files.readString(page);
        assertThat(heldRunIds(port)).as("GET /v1/jobs lists the held run").containsExactly(held);

        ServeFixtures.Response approved =
                ServeFixtures.call(port, "POST", "/v1/jobs/" + JOB + "/runs/" + held + "/approve", null);
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(heldRunIds(port)).isEmpty();
        ServeFixtures.Response again =
                ServeFixtures.call(port, "POST", "/v1/jobs/" + JOB + "/runs/" + held + "/approve", null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("message").asString()).isEqualTo("Invalid run request");
        assertThat(value(scrape(port), "segment_batch_run_rows_read", "job_name=\"" + JOB + "\""))
                .as("the approved run is the job's last completed run")
                .isZero();
        assertThat(Files.readString(page))
                .as("the page of the approved run is written again")
                .isNotEqualTo(heldPage);
    }

    private static List<String> heldRunIds(int port) {
        List<String> ids = new ArrayList<>();
        for (var job : ServeFixtures.call(port, "GET", "/v1/jobs", null).body().get("jobs")) {
            if (job.get("name").asString().equals(JOB)) {
                job.get("held_run_ids").forEach(id -> ids.add(id.asString()));
            }
        }
        return ids;
    }

    private ConfigurableApplicationContext start(Path jobs) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--segment-batch.serve.jobs=" + jobs,
                "--segment-batch.serve.output=" + folder.resolve("out"),
                "--segment-batch.app-id=" + ServeFixtures.APP_ID,
                "--segment-batch.app-token=" + ServeFixtures.APP_TOKEN,
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=sa",
                "--spring.datasource.password="));
        return new SpringApplicationBuilder(SegmentBatchApplication.class, Backlog.class)
                .web(WebApplicationType.SERVLET)
                .logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
    }

    /** The scrape, with the API credentials (actuator endpoints other than health may require them). */
    private static String scrape(int port) {
        ServeFixtures.Response response = ServeFixtures.callText(port, "GET", "/actuator/prometheus");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.raw().body();
    }

    private static JsonNode awaitReport(int port, String runId) {
        JsonNode[] report = new JsonNode[1];
        ServeFixtures.await(Duration.ofSeconds(60), "run " + runId + " completes", () -> {
            JsonNode run = ServeFixtures.call(port, "GET", "/v1/jobs/" + JOB + "/runs/" + runId, null)
                    .body();
            report[0] = run.get("report");
            return run.get("status").asString().equals("COMPLETED") && report[0] != null && !report[0].isNull();
        });
        return report[0];
    }

    /** The value of the one sample of a metric whose labels contain the given one. */
    static double value(String scrape, String metric, String label) {
        Matcher sample =
                Pattern.compile("(?m)^" + metric + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        List<Double> values = new ArrayList<>();
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                values.add(Double.parseDouble(sample.group(2)));
            }
        }
        assertThat(values).as(metric + "{" + label + "} in\n" + scrape).hasSize(1);
        return values.get(0);
    }

    /** A destination's backlog, as the destinations will register theirs. */
    @Configuration(proxyBeanMethods = false)
    static class Backlog {
        @Bean
        DeliveryBacklog testWebhookBacklog() {
            return new DeliveryBacklog() {
                @Override
                public String job() {
                    return JOB;
                }

                @Override
                public String destination() {
                    return "test-webhook";
                }

                @Override
                public long pendingEvents() {
                    return 7;
                }
            };
        }
    }
}
