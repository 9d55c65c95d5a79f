package io.segmentbatch.api;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.ServeFixtures.Response;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document over HTTP: every {@code /v1} request mapping the controllers declare is in it, documented
 * (a summary, its responses) and guarded by the credentials scheme; Swagger UI is served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OpenApiIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("openapi");

    @DynamicPropertySource
    static void serve(DynamicPropertyRegistry registry) {
        try {
            Path jobs = Files.createDirectories(FOLDER.resolve("jobs"));
            RunFixtures.job("job-segments.json", "docs", RunFixtures.copy("customers-1.csv", FOLDER), jobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("spring.datasource.url", () -> ServeFixtures.h2Url("openapi"));
        registry.add("segment-batch.serve.jobs", () -> FOLDER.resolve("jobs").toString());
        registry.add("segment-batch.serve.output", () -> FOLDER.resolve("out").toString());
        registry.add("segment-batch.app-id", () -> ServeFixtures.APP_ID);
        registry.add("segment-batch.app-token", () -> ServeFixtures.APP_TOKEN);
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyV1EndpointIsInTheDocumentWithASummaryResponsesAndTheCredentials() {
        JsonNode document = document();
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String path : info.getPathPatternsCondition().getPatternValues()) {
                if (path.startsWith("/v1")) {
                    methods(info).forEach(verb -> endpoints.add(verb + " " + path));
                }
            }
        });
        assertThat(endpoints).as("the controllers' /v1 endpoints").hasSizeGreaterThanOrEqualTo(10);
        for (String endpoint : endpoints) {
            String[] verbAndPath = endpoint.split(" ", 2);
            JsonNode operation =
                    document.path("paths").path(verbAndPath[1]).path(verbAndPath[0].toLowerCase(Locale.ROOT));
            assertThat(operation.isObject())
                    .as(endpoint + " is missing from /v3/api-docs")
                    .isTrue();
            assertThat(operation.path("summary").asString(""))
                    .as(endpoint + ": give it @Operation(summary = …)")
                    .isNotBlank();
            assertThat(operation.path("responses").propertyNames())
                    .as(endpoint + ": its responses")
                    .anyMatch(code -> code.startsWith("2"));
        }
        assertThat(document.at("/security/0").propertyNames()).containsExactlyInAnyOrder("appId", "appToken");
        assertThat(document.at("/components/securitySchemes/appId/name").asString())
                .isEqualTo("X-App-Id");
        assertThat(document.at("/components/securitySchemes/appToken/name").asString())
                .isEqualTo("X-App-Token");
        assertThat(document.at("/components/securitySchemes/appToken/in").asString())
                .isEqualTo("header");
        assertThat(document.at("/components/schemas/ApiError/properties").propertyNames())
                .contains("code", "key", "request_id");
        // two classes of one simple name must not share (and overwrite) one schema
        assertThat(document.at("/components/schemas/ServedJob/properties").propertyNames())
                .contains("next_run_at", "last_run");
        assertThat(document.at("/components/schemas/Job/properties").propertyNames())
                .contains("run_id", "started_at");
    }

    @Test
    void theDocumentHasExamplesAndOnlyV1() {
        JsonNode document = document();
        assertThat(document.path("paths").propertyNames()).allMatch(path -> path.startsWith("/v1/"));
        String text = document.toString();
        assertThat(text).contains("\"examples\"").contains("cust_iajsExT2QB4sGWzABY85WRqV");
    }

    @Test
    void swaggerUiIsServed() {
        Response ui = ServeFixtures.callText(port, "GET", "/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).contains("swagger-ui");
        Response redirect = ServeFixtures.callText(port, "GET", "/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/swagger-ui/index.html");
    }

    private JsonNode document() {
        Response response = ServeFixtures.call(port, "GET", "/v3/api-docs", null, null, null);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        try {
            // left for people to read (or to diff after a change of the API)
            Files.writeString(Path.of("target", "openapi.json"), response.raw().body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.body();
    }

    private static List<String> methods(RequestMappingInfo info) {
        var declared = info.getMethodsCondition().getMethods();
        return (declared.isEmpty() ? List.of(RequestMethod.GET) : List.copyOf(declared))
                .stream().map(Enum::name).toList();
    }
}
