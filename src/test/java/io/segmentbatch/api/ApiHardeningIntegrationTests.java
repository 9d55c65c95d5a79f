package io.segmentbatch.api;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.ServeFixtures.Response;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What serve mode exposes and refuses, over real HTTP on a random port: only health without credentials, the body
 * cap, Voucherify's envelope for every error (Tomcat's own included), and request bodies checked key by key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ApiHardeningIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("api-hardening");
    private static final Path JOBS = FOLDER.resolve("jobs");
    private static final long CAP = 25L * 1024 * 1024;

    static {
        try {
            Files.createDirectories(JOBS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path customers = RunFixtures.copy("customers-1.csv", FOLDER);
        JobFile.of("job-segments.json")
                .name("hardened")
                .input(customers)
                .set("api_segments", true)
                .writeTo(JOBS);
    }

    @DynamicPropertySource
    static void serve(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> ServeFixtures.h2Url("hardening"));
        registry.add("segment-batch.serve.jobs", JOBS::toString);
        registry.add("segment-batch.serve.output", () -> FOLDER.resolve("out").toString());
        registry.add("segment-batch.app-id", () -> ServeFixtures.APP_ID);
        registry.add("segment-batch.app-token", () -> ServeFixtures.APP_TOKEN);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void onlyHealthAndItsProbesAnswerWithoutCredentials() {
        for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Response response = ServeFixtures.call(port, "GET", open, null, null, null);
            assertThat(response.status()).as(open).isEqualTo(200);
            assertThat(response.body().get("status").asString()).isEqualTo("UP");
        }
        for (String closed : List.of(
                "/actuator",
                "/actuator/metrics",
                "/actuator/metrics/spring.batch.job",
                "/actuator/info",
                "/actuator/prometheus",
                "/actuator/env",
                "/actuator/anything-added-later",
                "/actuator/health/../metrics",
                "/actuator/health/..;/metrics",
                "/actuator/health;x=1/../metrics")) {
            for (String[] pair : new String[][] {{null, null}, {ServeFixtures.APP_ID, "wrong"}}) {
                Response response = ServeFixtures.call(port, "GET", closed, null, pair[0], pair[1]);
                // the path tricks (.., ;) are normalized before the credentials are checked: refused like the rest
                assertEnvelope(response, 401);
                assertThat(response.body().get("key").asString()).as(closed).isEqualTo("unauthorized");
            }
        }
        Response metrics = ServeFixtures.call(port, "GET", "/actuator/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body().get("names").toString()).contains("jvm.memory.used");
        assertThat(ServeFixtures.call(port, "GET", "/actuator", null).status()).isEqualTo(200);
    }

    @Test
    void onAManagementPortOfItsOwnTheActuatorNeedsTheSameCredentials() {
        try (ConfigurableApplicationContext service = ServeFixtures.serve(
                JOBS,
                FOLDER.resolve("out-management"),
                ServeFixtures.h2Url("management"),
                "--management.server.port=0")) {
            int management = Integer.parseInt(service.getEnvironment().getProperty("local.management.port"));
            assertThat(management).isNotEqualTo(ServeFixtures.port(service));
            assertThat(ServeFixtures.call(management, "GET", "/actuator/health", null, null, null)
                            .status())
                    .isEqualTo(200);
            for (String closed : List.of("/actuator", "/actuator/metrics", "/actuator/info")) {
                Response response = ServeFixtures.call(management, "GET", closed, null, null, null);
                assertThat(response.status()).as(closed).isEqualTo(401);
                assertThat(response.body().get("key").asString()).isEqualTo("unauthorized");
            }
            assertThat(ServeFixtures.call(management, "GET", "/actuator/metrics", null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aBodyOverTheCapIs413WhetherItsLengthIsDeclaredOrChunked() throws IOException {
        String declared = raw(
                "POST /v1/segments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + credentials()
                        + "Content-Length: " + (60L * 1024 * 1024) + "\r\n\r\n",
                "{\"name\": \"",
                0);
        assertThat(declared).startsWith("HTTP/1.1 413");
        JsonNode body = bodyOf(declared);
        assertThat(body.get("code").asInt()).isEqualTo(413);
        assertThat(body.get("key").asString()).isEqualTo("payload_too_large");
        assertThat(body.get("details").asString()).contains("25 MB");

        String chunked = raw(
                "POST /v1/segments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + credentials()
                        + "Transfer-Encoding: chunked\r\n\r\n",
                "{\"name\": \"",
                CAP + 1000);
        assertThat(chunked).startsWith("HTTP/1.1 413");
        assertThat(bodyOf(chunked).get("key").asString()).isEqualTo("payload_too_large");

        Response justUnder = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"Under the cap\", \"type\": \"static\", \"customers\": [\"c1\"], "
                        + "\"metadata\": {\"padding\": \"" + "x".repeat(5_000_000) + "\"}}");
        assertThat(justUnder.status()).as(justUnder.raw().body()).isEqualTo(200);
        call("DELETE", "/v1/segments/" + justUnder.body().get("id").asString(), null);
    }

    @Test
    void errorsTomcatAndSpringAnswerThemselvesHaveTheEnvelope() throws Exception {
        for (String path : List.of(
                "/v1/segments/seg_a%2fb",
                "/v1/segments/seg_a%2Fb", "/v1/segments/seg%00", "/v1/jobs/hardened%00/runs")) {
            assertEnvelope(ServeFixtures.call(port, "GET", path, null), 400);
        }
        Response error = ServeFixtures.call(port, "GET", "/error", null);
        assertEnvelope(error, 404);

        HttpResponse<String> notAcceptable = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/jobs"))
                                .header("Accept", "text/html")
                                .header("X-App-Id", ServeFixtures.APP_ID)
                                .header("X-App-Token", ServeFixtures.APP_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(notAcceptable.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/json");
        JsonNode envelope = JsonMapper.builder().build().readTree(notAcceptable.body());
        assertThat(envelope.propertyNames()).containsExactly("code", "key", "message", "details", "request_id");
        assertThat(envelope.get("key").asString()).isEqualTo("not_acceptable");

        HttpResponse<String> unauthorizedHtml = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/jobs"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorizedHtml.statusCode()).isEqualTo(401);
        assertThat(unauthorizedHtml.body()).startsWith("{\"code\":401,\"key\":\"unauthorized\"");
    }

    /**
     * A request that accepts no JSON, or sends a form, is refused before its handler runs: a POST that got its 406
     * used to have created its segment already, and a form body was read as the JSON Spring put back together.
     */
    @Test
    void aPostThatAcceptsNoJsonOrSendsAFormIsRefusedWithNothingDone() throws Exception {
        String name = "Accept-" + java.util.UUID.randomUUID();
        String body = "{\"name\": \"" + name + "\", \"type\": \"static\", \"customers\": [\"c1\"]}";
        for (String[] request : new String[][] {
            {"application/json", "application/xml"},
            {"application/json", "application/yaml"},
            {"application/x-www-form-urlencoded", "*/*"},
            {"multipart/form-data; boundary=x", "application/json"}
        }) {
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/segments"))
                                    .header("Content-Type", request[0])
                                    .header("Accept", request[1])
                                    .header("X-App-Id", ServeFixtures.APP_ID)
                                    .header("X-App-Token", ServeFixtures.APP_TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode envelope = JsonMapper.builder().build().readTree(refused.body());
            if (request[1].equals("application/xml") || request[1].equals("application/yaml")) {
                assertThat(refused.statusCode()).as(String.join(" / ", request)).isEqualTo(406);
                assertThat(envelope.get("details").asString())
                        .contains("application/json")
                        .doesNotContain("yaml");
            } else {
                assertThat(refused.statusCode()).as(String.join(" / ", request)).isEqualTo(415);
                assertThat(envelope.get("details").asString())
                        .contains("Content-Type: application/json", request[0].split(";")[0]);
            }
        }
        assertThat(call("GET", "/v1/segments?limit=100", null).raw().body())
                .as("no segment was created")
                .doesNotContain(name);
        Response created = call("POST", "/v1/segments", body);
        assertThat(created.status()).as("the same body as JSON").isEqualTo(200);
        call("DELETE", "/v1/segments/" + created.body().get("id").asString(), null);
    }

    @Test
    void aCorsPreflightIsAnsweredWithoutCredentialsAndWithoutCorsHeadersAndAnUnknownPathNamesNoFiles()
            throws Exception {
        HttpResponse<String> preflight = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/segments"))
                                .header("Origin", "http://example.com")
                                .header("Access-Control-Request-Method", "POST")
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).as(preflight.body()).isLessThan(500);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();

        Response unknown = call("GET", "/v1/nope", null);
        assertEnvelope(unknown, 404);
        assertThat(unknown.body().get("details").asString()).isEqualTo("No endpoint answers GET /v1/nope.");
    }

    @Test
    void aLaunchBodyWithAnUnknownKeyOrAnAsOfOutsideTheYears1900To9999Is400() {
        Response typo = call("POST", "/v1/jobs/hardened/runs", "{\"inptu\": \"customers-1.csv\"}");
        assertEnvelope(typo, 400);
        assertThat(typo.body().get("details").asString())
                .startsWith("$.inptu: unknown property")
                .contains("input, as_of");

        for (String asOf : List.of("+999999999-12-31T23:59:59Z", "1899-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            Response response = call("POST", "/v1/jobs/hardened/runs", "{\"as_of\": \"" + asOf + "\"}");
            assertEnvelope(response, 400);
            assertThat(response.body().get("key").asString()).isEqualTo("invalid_as_of");
            assertThat(response.body().get("details").asString()).contains("$.as_of", "1900 to 9999");
        }
        assertEnvelope(call("POST", "/v1/jobs/hardened/runs", "{\"as_of\": 20261128}"), 400);
        assertEnvelope(call("POST", "/v1/jobs/hardened/runs", "[]"), 400);
    }

    @Test
    void segmentNamesAndCustomerIdsOverTheLimitsOrWithControlCharactersAre400() {
        String[][] bodies = {
            {
                "{\"name\": \"Bad\\u0000name\", \"type\": \"static\", \"customers\": [\"c1\"]}",
                "$.name",
                "control characters"
            },
            {
                "{\"name\": \"Bad\\u0000name\", \"type\": \"auto-update\", \"filter\": " + city() + "}",
                "$.name",
                "control characters"
            },
            {
                "{\"name\": \"" + "n".repeat(501) + "\", \"type\": \"static\", \"customers\": [\"c1\"]}",
                "$.name",
                "at most 500"
            },
            {
                "{\"name\": \"Fine\", \"type\": \"static\", \"customers\": [\"c1\", \"c\\u00002\"]}",
                "$.customers[1]",
                "control characters"
            },
            {
                "{\"name\": \"Fine\", \"type\": \"static\", \"customers\": [\"" + "c".repeat(256) + "\"]}",
                "$.customers[0]",
                "at most 255"
            },
            {
                "{\"name\": \"Lone \\ud800 half\", \"type\": \"static\", \"customers\": [\"c1\"]}",
                "$.name",
                "half of a UTF-16 surrogate pair"
            },
            {
                "{\"name\": \"Gmail users (1/2)\", \"type\": \"auto-update\", \"filter\": " + city() + "}",
                "$.name",
                "cut from a filter segment"
            },
        };
        for (String[] body : bodies) {
            Response response = call("POST", "/v1/segments", body[0]);
            assertEnvelope(response, 400);
            assertThat(response.body().get("details").asString())
                    .as(body[0].substring(0, 40))
                    .startsWith(body[1])
                    .contains(body[2]);
        }
        Response longest = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"" + "n".repeat(500) + "\", \"type\": \"static\", \"customers\": [\"" + "c".repeat(255)
                        + "\"]}");
        assertThat(longest.status()).as(longest.raw().body()).isEqualTo(200);
        call("DELETE", "/v1/segments/" + longest.body().get("id").asString(), null);
    }

    @Test
    void aFilterNestedDeeperThan32LevelsIsRefusedWithItsJsonPathAndAVeryDeepOneWithoutParserJargon() {
        Response deep = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"Deep\", \"type\": \"auto-update\", \"filter\": " + nested(40) + "}");
        assertEnvelope(deep, 400);
        assertThat(deep.body().get("key").asString()).isEqualTo("invalid_filter");
        assertThat(deep.body().get("details").asString())
                .startsWith("$.filter" + ".filters[0]".repeat(32) + ": groups nest more than 32 levels");

        Response limit = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"Deep enough\", \"type\": \"auto-update\", \"filter\": " + nested(32) + "}");
        assertThat(limit.status()).as(limit.raw().body()).isEqualTo(200);
        call("DELETE", "/v1/segments/" + limit.body().get("id").asString(), null);

        Response veryDeep = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"Deeper\", \"type\": \"auto-update\", \"filter\": " + nested(400) + "}");
        assertEnvelope(veryDeep, 400);
        assertThat(veryDeep.body().get("details").asString())
                .contains("nest deeper than 500 levels", "32 levels")
                .doesNotContain("StreamReadConstraints", "getMaxNestingDepth");
    }

    /** A filter whose groups nest {@code levels} deep (the filter itself is level 1). */
    static String nested(int levels) {
        StringBuilder json = new StringBuilder();
        for (int i = 1; i < levels; i++) {
            json.append("{\"junction\": \"and\", \"filters\": [");
        }
        json.append(city());
        json.append("]}".repeat(levels - 1));
        return json.toString();
    }

    private static String city() {
        return "{\"junction\": \"and\", \"address.city\": {\"conditions\": {\"$is\": [\"Warsaw\"]}}}";
    }

    private Response call(String method, String path, String body) {
        return ServeFixtures.call(port, method, path, body);
    }

    private static String credentials() {
        return "X-App-Id: " + ServeFixtures.APP_ID + "\r\nX-App-Token: " + ServeFixtures.APP_TOKEN + "\r\n";
    }

    /**
     * Sends a request over a plain socket, so that a declared length can lie and a chunked body can be as long as
     * wanted: the head, a body prefix, then {@code chunkedBytes} more (0: none, the request is left unfinished).
     */
    private String raw(String head, String prefix, long chunkedBytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (chunkedBytes == 0) {
                out.write(prefix.getBytes(StandardCharsets.UTF_8));
            } else {
                byte[] chunk = new byte[1 << 20];
                Arrays.fill(chunk, (byte) 'a');
                byte[] first = prefix.getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(first.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(first);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                for (long sent = 0; sent < chunkedBytes; sent += chunk.length) {
                    int size = (int) Math.min(chunk.length, chunkedBytes - sent);
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk, 0, size);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** The status line, headers and a body of the declared Content-Length (the server need not close the connection). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        int length = 0;
        boolean chunked = false;
        for (String line : head.toString().split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (!chunked) {
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            in.readNBytes(2);
        }
        return head + body.toString();
    }

    private static int chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return Integer.parseInt(line.toString().strip(), 16);
    }

    private static JsonNode bodyOf(String response) {
        return JsonMapper.builder().build().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    private static void assertEnvelope(Response response, int code) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(code);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body().propertyNames()).containsExactly("code", "key", "message", "details", "request_id");
        assertThat(response.body().get("code").asInt()).isEqualTo(code);
        assertThat(response.body().get("request_id").asString()).isNotBlank();
    }
}
