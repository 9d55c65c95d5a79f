package io.segmentbatch.monitor;

import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code run} pushes its figures to a real Prometheus Pushgateway (Debian's {@code prometheus-pushgateway}, started
 * here on a free port) when {@code management.prometheus.metrics.export.pushgateway.*} says so. Skipped where the
 * binary is not installed.
 */
class PushgatewayIntegrationTests {
    private static final Path BINARY =
            Path.of(System.getenv().getOrDefault("PUSHGATEWAY_BINARY", "/usr/bin/prometheus-pushgateway"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private Process pushgateway;

    @AfterEach
    void stop() {
        if (pushgateway != null) {
            pushgateway.destroy();
        }
    }

    @Test
    void runPushesItsMetricsWhenItEnds() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(BINARY), BINARY + " is not installed (apt-get install prometheus-pushgateway)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        pushgateway = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("pushgateway.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> get(base + "/-/ready").statusCode() == 200);

        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path job = RunFixtures.job("job-segments.json", "pushed", input, folder);
        String database =
                "--spring.datasource.url=jdbc:h2:mem:push-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        // another job's run in the same database, pushed by nobody: its figures are not the pushed run's
        Path other = RunFixtures.job("job-segments.json", "not-pushed", input, folder);
        assertThat(Cli.execute(
                        "run",
                        other.toString(),
                        "--output",
                        folder.resolve("out").toString(),
                        database))
                .isZero();
        int code = Cli.execute(List.of(
                        "run",
                        job.toString(),
                        "--output",
                        folder.resolve("out").toString(),
                        database,
                        "--management.prometheus.metrics.export.pushgateway.enabled=true",
                        "--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + port,
                        "--management.prometheus.metrics.export.pushgateway.job=segment-batch-pushed",
                        "--management.prometheus.metrics.export.pushgateway.shutdown-operation=put")
                .toArray(String[]::new));
        assertThat(code).isZero();

        String metrics = get(base + "/metrics").body();
        assertThat(metrics)
                .containsPattern(
                        "segment_batch_run_last_completed_seconds\\{[^}]*job=\"segment-batch-pushed\"[^}]*job_name=\"pushed\"[^}]*} \\S+")
                .containsPattern("segment_batch_segment_members\\{[^}]*segment=\"Warsaw\"[^}]*} 5")
                .containsPattern("segment_batch_run_rows_read\\{[^}]*job_name=\"pushed\"[^}]*} 8")
                .contains("spring_batch_job_seconds_count{")
                .doesNotContain("job_name=\"not-pushed\"");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
