package io.segmentbatch;

import org.awaitility.Awaitility;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Serve-mode tests: job files with a schedule or an inbox, a running service, and HTTP calls to it. */
public final class ServeFixtures {
    public static final String APP_ID = "test-app";
    public static final String APP_TOKEN = "test-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServeFixtures() {}

    public static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A private in-memory H2 database, so that no other test's runs are seen (and recovered) at start. */
    public static String h2Url(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
    }

    /** Starts serve mode as {@code segment-batch serve} does, on a random port. */
    public static ConfigurableApplicationContext serve(Path jobs, Path output, String databaseUrl, String... extra) {
        return serveAs(jobs, output, databaseUrl, "sa", "", extra);
    }

    /** {@link #serve}, with the runs of the service passing through {@code gate}. */
    public static ConfigurableApplicationContext serve(
            RunGate gate, Path jobs, Path output, String databaseUrl, String... extra) {
        return start(gate, jobs, output, databaseUrl, "sa", "", extra);
    }

    /** {@link #serve}, connecting to the database as {@code user} (PostgreSQL: {@link TestDatabases#postgresUser()}). */
    public static ConfigurableApplicationContext serveAs(
            Path jobs, Path output, String databaseUrl, String user, String password, String... extra) {
        return start(null, jobs, output, databaseUrl, user, password, extra);
    }

    private static ConfigurableApplicationContext start(
            RunGate gate, Path jobs, Path output, String databaseUrl, String user, String password, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--segment-batch.serve.jobs=" + jobs,
                "--segment-batch.serve.output=" + output,
                "--segment-batch.serve.poll-interval=200ms",
                "--segment-batch.app-id=" + APP_ID,
                "--segment-batch.app-token=" + APP_TOKEN,
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password));
        arguments.addAll(List.of(extra));
        if (arguments.stream().noneMatch(argument -> argument.startsWith("--segment-batch.serve.min-file-age="))) {
            // tests drop files by atomic moves; the 5 s default would only slow them down
            arguments.add("--segment-batch.serve.min-file-age=300ms");
        }
        SpringApplicationBuilder application = new SpringApplicationBuilder(SegmentBatchApplication.class)
                .web(WebApplicationType.SERVLET)
                .logStartupInfo(false);
        if (gate != null) {
            application.initializers(gate.initializer());
        }
        return application.run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        Response withStatus() {
            return new Response(raw.statusCode(), body, raw);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** Calls the service with the right credentials. */
    public static Response call(int port, String method, String path, String body) {
        return call(port, method, path, body, APP_ID, APP_TOKEN);
    }

    /** Calls the service with the right credentials, for a body that is not JSON ({@code body()} is null). */
    public static Response callText(int port, String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("X-App-Id", APP_ID)
                .header("X-App-Token", APP_TOKEN)
                .build();
        try {
            return new Response(0, null, HTTP.send(request, HttpResponse.BodyHandlers.ofString())).withStatus();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls the service; a null id or token leaves that header out. */
    public static Response call(int port, String method, String path, String body, String appId, String appToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (appId != null) {
            request.header("X-App-Id", appId);
        }
        if (appToken != null) {
            request.header("X-App-Token", appToken);
        }
        return send(request);
    }

    /** Calls the service with the right credentials and a body of raw bytes, sent as the content type given. */
    public static Response callBytes(int port, String method, String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType)
                .header("X-App-Id", APP_ID)
                .header("X-App-Token", APP_TOKEN));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty()
                    ? null
                    : JsonMapper.builder().build().readTree(response.body());
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the condition holds; fails with the message after the timeout. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
