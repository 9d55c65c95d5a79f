package io.segmentbatch.api;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /runs} and {@code /runs/{run id}} over HTTP: behind HTTP Basic with the app ID and token, the run's report page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RunPagesIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("run-pages");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void serve(DynamicPropertyRegistry registry) {
        try {
            Path jobs = Files.createDirectories(FOLDER.resolve("jobs"));
            RunFixtures.job("job-segments.json", "pages", RunFixtures.copy("customers-bad.csv", FOLDER), jobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("spring.datasource.url", () -> ServeFixtures.h2Url("run-pages"));
        registry.add("segment-batch.serve.jobs", () -> FOLDER.resolve("jobs").toString());
        registry.add("segment-batch.serve.output", () -> FOLDER.resolve("out").toString());
        registry.add("segment-batch.app-id", () -> ServeFixtures.APP_ID);
        registry.add("segment-batch.app-token", () -> ServeFixtures.APP_TOKEN);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void theRunsPagesShowEveryRunNewestFirstAndEachRunsReport() throws IOException {
        String first = launchAndAwait();
        String second = launchAndAwait();

        HttpResponse<String> list = get("/runs", ServeFixtures.APP_ID + ":" + ServeFixtures.APP_TOKEN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(list.body()).contains("<a href=\"/runs/" + first + "\">", "<a href=\"/runs/" + second + "\">");
        assertThat(list.body().indexOf(second))
                .as("newest first")
                .isLessThan(list.body().indexOf(first));

        HttpResponse<String> page = get("/runs/" + second, ServeFixtures.APP_ID + ":" + ServeFixtures.APP_TOKEN);
        assertThat(page.statusCode()).isEqualTo(200);
        Path file = FOLDER.resolve("out").resolve("pages").resolve(second).resolve(ReportFiles.PAGE);
        assertThat(page.body())
                .as("its report.html, with a link back to the list")
                .isEqualTo(Files.readString(file)
                        .replace("<header><h1>", "<header><nav><a href=\"/runs\">All runs</a></nav><h1>"));
        assertThat(Files.readString(file))
                .as("report.html opened from the disk links nowhere")
                .doesNotContain("href=\"/runs\"");
        assertThat(page.body()).contains("The job's last 2 completed runs", "Rejected rows");

        assertThat(get("/runs/run_20260101T000000_NoSuchRn", ServeFixtures.APP_ID + ":" + ServeFixtures.APP_TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void withoutTheRightBasicCredentialsThePagesAsk() {
        for (String credentials : new String[] {
            null, ServeFixtures.APP_ID + ":wrong", "wrong:" + ServeFixtures.APP_TOKEN, ServeFixtures.APP_ID
        }) {
            for (String path : new String[] {"/runs", "/runs/run_20260101T000000_NoSuchRn"}) {
                HttpResponse<String> response = get(path, credentials);
                assertThat(response.statusCode())
                        .as(path + " with " + credentials)
                        .isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                        .startsWith("Basic realm=");
            }
        }
    }

    private String launchAndAwait() {
        // the previous run's slot frees a moment after its status reads COMPLETED: until then, 409
        ServeFixtures.Response[] launched = new ServeFixtures.Response[1];
        ServeFixtures.await(Duration.ofSeconds(10), "a launch is accepted", () -> {
            launched[0] = ServeFixtures.call(port, "POST", "/v1/jobs/pages/runs", null);
            return launched[0].status() == 202;
        });
        String runId = launched[0].body().get("id").asString();
        ServeFixtures.await(Duration.ofSeconds(60), "run " + runId + " completes", () -> {
            JsonNode run = ServeFixtures.call(port, "GET", "/v1/jobs/pages/runs/" + runId, null)
                    .body();
            return run.get("status").asString().equals("COMPLETED")
                    && !run.get("report").isNull();
        });
        return runId;
    }

    private HttpResponse<String> get(String path, String userAndPassword) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (userAndPassword != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
