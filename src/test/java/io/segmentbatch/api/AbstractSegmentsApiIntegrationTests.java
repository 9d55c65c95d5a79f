package io.segmentbatch.api;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.ServeFixtures.Response;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.json.Json;
import io.voucherify.client.VoucherifyClient;
import io.voucherify.client.error.VoucherifyError;
import io.voucherify.client.model.segment.Segment;
import io.voucherify.client.model.segment.SegmentType;
import io.voucherify.client.model.segment.response.SegmentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Voucherify's segments API over real HTTP on a random port: the seed page's request, every endpoint and error,
 * the response shapes field by field and in order, Voucherify's Java SDK, and API segments evaluated by runs.
 * The API segments a test creates are deleted after it ({@link #deleteCreatedSegments}), whether it passed or not,
 * so that the cap test can count.
 */
abstract class AbstractSegmentsApiIntegrationTests {
    static final Path FOLDER = ServeFixtures.tempFolder("segments-api");
    static final Path JOBS = FOLDER.resolve("jobs");
    /** Evaluates the API's segments that name no job (3 filter segments of its own and a static one). */
    static final String JOB = RunFixtures.uniqueJobName("api-default");
    /** Evaluates API segments that name it (1 filter segment of its own). */
    static final String OTHER = RunFixtures.uniqueJobName("api-other");

    static final int JOB_FILE_FILTER_SEGMENTS = 4;
    static final List<String> SEGMENT_FIELDS =
            List.of("id", "name", "created_at", "type", "filter", "initial_sync_status", "object");
    static final String SEED_BODY = """

            {
            "name": "Customers in a new Segment",
            "type": "static",
            "customers": [
            "cust_iajsExT2QB4sGWzABY85WRqV",
            "cust_sehkNIi8Uq2qQuRqSr7xn4Zi"
            ]
            }
            """;
    static final String WARSAW_BIG =
            "{\"junction\": \"and\", \"address.city\": {\"conditions\": {\"$is\": [\"Warsaw\"]}},"
                    + " \"summary.orders.total_amount\": {\"conditions\": {\"$more_than\": [10000]}}}";

    static {
        try {
            Files.createDirectories(JOBS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path customers = RunFixtures.copy("customers-1.csv", FOLDER);
        JobFile.of("job-segments.json")
                .name(JOB)
                .input(customers)
                .set("api_segments", true)
                .writeTo(JOBS);
        RunFixtures.job("job-all.json", OTHER, customers, JOBS);
    }

    @Value("${local.server.port}")
    int port;

    /** The API segments the running test created; deleted after it. */
    private final List<String> toDelete = new ArrayList<>();

    @AfterEach
    void deleteCreatedSegments() {
        for (String id : toDelete) {
            int status = call("DELETE", "/v1/segments/" + id, null).status();
            assertThat(status).as("deleting " + id + " after the test").isIn(204, 404);
        }
        toDelete.clear();
    }

    @Test
    void theSeedPagesCurlCreatesAStaticSegmentWithVoucherifysShapeThenItCanBeReadListedQueriedAndDeleted()
            throws Exception {
        HttpRequest curl = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/segments"))
                .header("Content-Type", "application/json")
                .header("X-App-Id", ServeFixtures.APP_ID)
                .header("X-App-Token", ServeFixtures.APP_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(SEED_BODY))
                .build();
        HttpResponse<String> raw = HttpClient.newHttpClient().send(curl, HttpResponse.BodyHandlers.ofString());

        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        JsonNode created = Json.DECIMALS.readTree(raw.body());
        assertSegment(created, "Customers in a new Segment", "static", "DONE");
        assertThat(created.get("filter").isNull()).isTrue();
        String id = created.get("id").asString();
        toDelete.add(id);

        Response got = call("GET", "/v1/segments/" + id, null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(created);

        Response members = call("GET", "/v1/customers?segment_id=" + id, null);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().propertyNames())
                .containsExactly("object", "data_ref", "customers", "total", "has_more");
        assertThat(members.body().get("object").asString()).isEqualTo("list");
        assertThat(members.body().get("data_ref").asString()).isEqualTo("customers");
        assertThat(members.body().get("total").asLong()).isEqualTo(2);
        assertThat(members.body().get("has_more").asBoolean()).isFalse();
        JsonNode first = members.body().get("customers").get(0);
        assertThat(first.propertyNames()).containsExactly("id", "source_id", "object");
        assertThat(first.get("id").asString()).isEqualTo("cust_iajsExT2QB4sGWzABY85WRqV");
        assertThat(first.get("source_id").isNull()).isTrue();
        assertThat(first.get("object").asString()).isEqualTo("customer");
        assertThat(members.body().at("/customers/1/id").asString()).isEqualTo("cust_sehkNIi8Uq2qQuRqSr7xn4Zi");

        Response held = call("GET", "/v1/customers/cust_sehkNIi8Uq2qQuRqSr7xn4Zi/segments", null);
        assertThat(held.body().propertyNames()).containsExactly("object", "data_ref", "data", "total");
        assertThat(held.body().get("total").asInt()).isEqualTo(1);
        assertThat(held.body().at("/data/0").propertyNames()).containsExactly("id", "name", "object");
        assertThat(held.body().at("/data/0/id").asString()).isEqualTo(id);
        assertThat(held.body().at("/data/0/name").asString()).isEqualTo("Customers in a new Segment");
        assertThat(held.body().at("/data/0/object").asString()).isEqualTo("segment");

        Response deleted = call("DELETE", "/v1/segments/" + id, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.raw().body()).isEmpty();
        assertNotFound(call("GET", "/v1/segments/" + id, null), id);
        assertNotFound(call("DELETE", "/v1/segments/" + id, null), id);
        assertThat(call("GET", "/v1/customers/cust_sehkNIi8Uq2qQuRqSr7xn4Zi/segments", null)
                        .body()
                        .get("total")
                        .asInt())
                .isZero();
    }

    @Test
    void aStaticSegmentsMembersComeInCodePointOrderPageByPage() {
        // UTF-16 order would put the emoji (U+1F600, a surrogate pair from U+D83D) before U+FF21
        Response created = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"order " + UUID.randomUUID() + "\", \"type\": \"static\", \"customers\":"
                        + " [\"cust_\uD83D\uDE00\", \"cust_z\", \"cust_\uFF21\"]}");
        assertThat(created.status()).isEqualTo(200);
        String id = created.body().get("id").asString();
        toDelete.add(id);

        List<String> ids = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            call("GET", "/v1/customers?segment_id=" + id + "&limit=1&page=" + page, null)
                    .body()
                    .get("customers")
                    .forEach(customer -> ids.add(customer.get("id").asString()));
        }
        assertThat(ids).containsExactly("cust_z", "cust_\uFF21", "cust_\uD83D\uDE00");
    }

    @Test
    void anApiSegmentIsEvaluatedByTheNextRunOfItsJobThenItsMembersAreServedByBothQueries() {
        JsonNode segment =
                create("{\"name\": \"API Warsaw big\", \"type\": \"auto-update\", \"filter\": " + WARSAW_BIG + "}");
        assertSegment(segment, "API Warsaw big", "auto-update", "IN_PROGRESS");
        assertThat(segment.get("filter")).isEqualTo(Json.DECIMALS.readTree(WARSAW_BIG));
        String id = segment.get("id").asString();
        String otherJobs = create("{\"name\": \"Other's\", \"type\": \"passive\", \"job\": \"" + OTHER
                        + "\", \"filter\": " + WARSAW_BIG + "}")
                .get("id")
                .asString();
        assertThat(call("GET", "/v1/customers?segment_id=" + id, null)
                        .body()
                        .get("total")
                        .asLong())
                .isZero();

        JsonNode report = runJob(JOB);

        assertThat(call("GET", "/v1/segments/" + id, null)
                        .body()
                        .get("initial_sync_status")
                        .asString())
                .isEqualTo("DONE");
        assertThat(call("GET", "/v1/segments/" + otherJobs, null)
                        .body()
                        .get("initial_sync_status")
                        .asString())
                .as("a segment of another job waits for that job's run")
                .isEqualTo("IN_PROGRESS");
        JsonNode entry = entry(report, id);
        assertThat(entry.get("customers_count").asLong()).isEqualTo(4);
        assertThat(entry.get("entered").asLong()).isEqualTo(4);
        String secondChunk = entry.at("/static_segments/1/segment/id").asString();

        Response page1 = call("GET", "/v1/customers?segment_id=" + id + "&limit=3", null);
        assertThat(ids(page1)).containsExactly("cust_a", "cust_c", "cust_h");
        assertThat(page1.body().get("total").asLong()).isEqualTo(4);
        assertThat(page1.body().get("has_more").asBoolean()).isTrue();
        Response page2 = call("GET", "/v1/customers?segment_id=" + id + "&limit=3&page=2", null);
        assertThat(page2.body().at("/customers/0/id").isNull())
                .as("a customer without id")
                .isTrue();
        assertThat(page2.body().at("/customers/0/source_id").asString()).isEqualTo("src_f");
        assertThat(page2.body().get("has_more").asBoolean()).isFalse();

        Response chunk = call("GET", "/v1/customers?segment_id=" + secondChunk, null);
        assertThat(chunk.body().get("total").asLong()).isEqualTo(2);
        assertThat(chunk.body().at("/customers/0/id").asString()).isEqualTo("cust_h");
        assertThat(chunk.body().at("/customers/1/source_id").asString()).isEqualTo("src_f");
        assertSegment(
                call("GET", "/v1/segments/" + secondChunk, null).body(), "API Warsaw big (2/2)", "static", "DONE");

        assertThat(heldBy("cust_h"))
                .contains("API Warsaw big", "API Warsaw big (2/2)", "Warsaw", "VIP")
                .doesNotContain("API Warsaw big (1/2)", "Other's");
        assertThat(heldBy("src_f")).contains("API Warsaw big", "API Warsaw big (2/2)");
        assertThat(heldBy("cust_a")).contains("API Warsaw big (1/2)");

        assertThat(call("DELETE", "/v1/segments/" + id, null).status()).isEqualTo(204);
        assertThat(heldBy("cust_h"))
                .doesNotContain("API Warsaw big", "API Warsaw big (2/2)")
                .contains("Warsaw");
        assertNotFound(call("GET", "/v1/customers?segment_id=" + secondChunk, null), secondChunk);
        JsonNode next = runJob(JOB);
        assertThat(next.get("segments").toString()).doesNotContain(id);
    }

    @Test
    void everyMalformedOrInvalidSegmentIs400WithTheEnvelopeAndWhatIsWrong() {
        String filter = "\"filter\": " + WARSAW_BIG;
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"name\": \"x\", \"type\": \"static\"", "not valid JSON"),
                Map.entry("[1, 2]", "JSON object"),
                Map.entry("{\"type\": \"static\", \"customers\": []}", "$.name"),
                Map.entry("{\"name\": \"x\", \"customers\": []}", "$.type"),
                Map.entry("{\"name\": \"x\", \"type\": \"dynamic\", \"customers\": []}", "unknown type 'dynamic'"),
                Map.entry(
                        "{\"name\": \"x\", \"type\": \"static\", \"customers\": [\"a\"], " + filter + "}", "$.filter"),
                Map.entry(
                        "{\"name\": \"x\", \"type\": \"auto-update\", \"customers\": [\"a\"], " + filter + "}",
                        "$.customers"),
                Map.entry("{\"name\": \"x\", \"type\": \"passive\"}", "needs a filter"),
                Map.entry("{\"name\": \"x\", \"type\": \"static\"}", "customers array"),
                Map.entry("{\"name\": \"x\", \"type\": \"static\", \"customers\": [\"a\", 7]}", "$.customers[1]"),
                Map.entry(
                        "{\"name\": \"x\", \"type\": \"passive\", \"job\": \"nope\", " + filter + "}",
                        "no served job is named 'nope'"),
                Map.entry("{\"name\": \"x\", \"type\": \"passive\", \"colour\": 1, " + filter + "}", "$.colour"),
                Map.entry(
                        "{\"name\": \"Warsaw\", \"type\": \"auto-update\", " + filter + "}",
                        "already has a segment named 'Warsaw'"),
                Map.entry(
                        "{\"name\": \"N\\u0000L\", \"type\": \"static\", \"customers\": [\"a\"]}",
                        "$.name: a segment name may not contain control characters"),
                Map.entry(
                        "{\"name\": \"N\\u0000L\", \"type\": \"passive\", " + filter + "}",
                        "$.name: a segment name may not contain control characters"),
                Map.entry(
                        "{\"name\": \"x\", \"type\": \"static\", \"customers\": [\"a\\u0000b\"]}",
                        "$.customers[0]: a customer ID may not contain control characters"),
                Map.entry(
                        "{\"name\": \"" + "n".repeat(100_000) + "\", \"type\": \"static\", \"customers\": [\"a\"]}",
                        "$.name: a segment name has at most 500 characters"));
        cases.forEach((body, details) -> {
            Response response = call("POST", "/v1/segments", body);
            assertEnvelope(response, 400);
            assertThat(response.body().get("message").asString()).isEqualTo("Invalid payload");
            assertThat(response.body().get("details").asString()).as(body).contains(details);
        });
        assertEnvelope(call("POST", "/v1/segments", null), 400);
        Response wrongOperator = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"x\", \"type\": \"auto-update\", \"filter\":"
                        + " {\"summary.orders.total_count\": {\"conditions\": {\"$starts_with\": [\"1\"]}}}}");
        assertEnvelope(wrongOperator, 400);
        assertThat(wrongOperator.body().get("key").asString()).isEqualTo("invalid_filter");
        assertThat(wrongOperator.body().get("details").asString())
                .startsWith("$.filter['summary.orders.total_count'].conditions.$starts_with: ");
        Response unknownField = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"x\", \"type\": \"passive\", \"filter\":"
                        + " {\"junction\": \"and\", \"shoe_size\": {\"conditions\": {\"$is\": [42]}}}}");
        assertThat(unknownField.body().get("details").asString()).contains("$.filter.shoe_size");
    }

    @Test
    void aStaticSegmentOfMoreThan20000CustomersAndA101stFilterSegmentAre400() {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i <= 20_000; i++) {
            customers.add("\"cust_" + i + "\"");
        }
        Response tooBig = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"Too big\", \"type\": \"static\", \"customers\": [" + String.join(",", customers) + "]}");
        assertEnvelope(tooBig, 400);
        assertThat(tooBig.body().get("key").asString()).isEqualTo("limit_exceeded");
        assertThat(tooBig.body().get("details").asString()).contains("20,000");
        customers.remove(customers.size() - 1);
        String exactly = create("{\"name\": \"Just fits\", \"type\": \"static\", \"customers\": ["
                        + String.join(",", customers) + "]}")
                .get("id")
                .asString();
        assertThat(call("GET", "/v1/customers?segment_id=" + exactly, null)
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(20_000);

        List<String> capped = new ArrayList<>();
        for (int i = JOB_FILE_FILTER_SEGMENTS; i < 100; i++) {
            capped.add(create("{\"name\": \"Cap " + i + "\", \"type\": \"" + (i % 2 == 0 ? "passive" : "auto-update")
                            + "\", \"filter\": " + WARSAW_BIG + "}")
                    .get("id")
                    .asString());
        }
        Response oneTooMany = call(
                "POST",
                "/v1/segments",
                "{\"name\": \"Cap 100\", \"type\": \"passive\", \"filter\": " + WARSAW_BIG + "}");
        assertEnvelope(oneTooMany, 400);
        assertThat(oneTooMany.body().get("key").asString()).isEqualTo("limit_exceeded");
        assertThat(oneTooMany.body().get("details").asString()).contains("100");
        create("{\"name\": \"Static is fine\", \"type\": \"static\", \"customers\": []}");

        assertThat(call("DELETE", "/v1/segments/" + capped.get(0), null).status())
                .isEqualTo(204);
        create("{\"name\": \"After a delete\", \"type\": \"passive\", \"filter\": " + WARSAW_BIG + "}");
    }

    @Test
    void theListPagesByCreationTimeShowsJobFileSegmentsReadOnlyAndChecksItsParameters() {
        String older = create("{\"name\": \"List A\", \"type\": \"static\", \"customers\": [\"cust_a\"]}")
                .get("id")
                .asString();
        String newer = create("{\"name\": \"List B\", \"type\": \"static\", \"customers\": [\"cust_b\"]}")
                .get("id")
                .asString();

        Response newest = call("GET", "/v1/segments?limit=2&order=-created_at", null);
        assertThat(newest.status()).isEqualTo(200);
        assertThat(newest.body().propertyNames()).containsExactly("object", "data_ref", "data", "total");
        assertThat(newest.body().get("object").asString()).isEqualTo("list");
        assertThat(newest.body().get("data_ref").asString()).isEqualTo("data");
        assertThat(newest.body().get("data").size()).isEqualTo(2);
        assertThat(newest.body().at("/data/0/id").asString()).isEqualTo(newer);
        assertThat(newest.body().at("/data/1/id").asString()).isEqualTo(older);
        newest.body()
                .get("data")
                .forEach(segment -> assertThat(segment.propertyNames()).containsExactlyElementsOf(SEGMENT_FIELDS));
        long total = newest.body().get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(JOB_FILE_FILTER_SEGMENTS + 1 + 2);

        Response all = call("GET", "/v1/segments?limit=100", null);
        List<String> names = new ArrayList<>();
        all.body().get("data").forEach(segment -> names.add(segment.get("name").asString()));
        assertThat(names).contains("Warsaw", "Big spenders", "VIP", "Beta", "Everyone with e-mail", "List A", "List B");
        assertThat(names.indexOf("List B")).isLessThan(names.indexOf("List A"));
        List<String> oldestFirst = new ArrayList<>();
        call("GET", "/v1/segments?limit=100&order=created_at", null)
                .body()
                .get("data")
                .forEach(segment -> oldestFirst.add(segment.get("created_at").asString()));
        assertThat(oldestFirst).isSorted();
        assertThat(call("GET", "/v1/segments", null).body().get("data").size()).isEqualTo((int) Math.min(10, total));

        JsonNode warsaw = null;
        for (JsonNode segment : all.body().get("data")) {
            if (segment.get("name").asString().equals("Warsaw")) {
                warsaw = segment;
            }
        }
        assertThat(warsaw.get("type").asString()).isEqualTo("auto-update");
        assertThat(warsaw.at("/filter/address.city/conditions/$is/0").asString())
                .isEqualTo("Warsaw");
        Response readOnly = call("DELETE", "/v1/segments/" + warsaw.get("id").asString(), null);
        assertEnvelope(readOnly, 400);
        assertThat(readOnly.body().get("key").asString()).isEqualTo("segment_read_only");
        assertThat(readOnly.body().get("details").asString())
                .contains("is defined in the job file of job ", "remove it from that file");
        assertThat(call("GET", "/v1/segments/" + warsaw.get("id").asString(), null)
                        .status())
                .isEqualTo(200);

        for (String bad : List.of("limit=0", "limit=101", "limit=ten", "order=name", "page=0")) {
            Response response = call("GET", "/v1/segments?" + bad, null);
            assertEnvelope(response, 400);
        }
        assertThat(call("GET", "/v1/segments?limit=100", null).status()).isEqualTo(200);
        assertEnvelope(call("GET", "/v1/customers?segment_id=" + older + "&limit=101", null), 400);
        assertEnvelope(call("GET", "/v1/customers", null), 400);
        assertNotFound(call("GET", "/v1/customers?segment_id=seg_nope", null), "seg_nope");
        assertThat(call("GET", "/v1/customers/nobody/segments", null)
                        .body()
                        .get("total")
                        .asInt())
                .isZero();
    }

    @Test
    void aWrongMethodSaysWhichMethodsThePathHas() {
        Response put = call("PUT", "/v1/segments", SEED_BODY);
        assertEnvelope(put, 405);
        assertThat(put.header("Allow")).isNotNull();
        assertThat(put.header("Allow").split(",\\s*")).contains("GET", "POST").doesNotContain("PUT", "DELETE");
        Response patch = call("PATCH", "/v1/segments/seg_x", SEED_BODY);
        assertEnvelope(patch, 405);
        assertThat(patch.header("Allow").split(",\\s*"))
                .contains("GET", "DELETE")
                .doesNotContain("POST", "PATCH");
    }

    @Test
    void aQueryParameterTheEndpointDoesNotTakeIs400NamingTheOnesItTakes() {
        Response paging = call("GET", "/v1/customers?segment_id=seg_x&starting_after=2026-01-01", null);
        assertEnvelope(paging, 400);
        assertThat(paging.body().get("key").asString()).isEqualTo("unknown_parameter");
        assertThat(paging.body().get("details").asString())
                .contains("'starting_after'")
                .contains("takes limit, page, segment_id");
        Response typo = call("GET", "/v1/segments?pgae=2", null);
        assertEnvelope(typo, 400);
        assertThat(typo.body().get("details").asString()).contains("'pgae'").contains("takes limit, order, page");
        assertThat(call("GET", "/v1/segments/seg_x?expand=true", null)
                        .body()
                        .get("details")
                        .asString())
                .contains("takes none");
        assertThat(call("GET", "/v1/segments?limit=1&page=1&order=created_at", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotUtf8Is400AndCreatesNothingUnlessItsCharsetIsNamed() {
        // "Café" with its é in Latin-1 (0xE9): not UTF-8, and not to be stored as "Caf\uFFFD"
        byte[] latin1 = "{\"name\": \"Caf\u00e9 latin\", \"type\": \"static\", \"customers\": [\"cust_a\"]}"
                .getBytes(StandardCharsets.ISO_8859_1);
        int before =
                call("GET", "/v1/segments?limit=100", null).body().get("total").asInt();
        Response refused = ServeFixtures.callBytes(port, "POST", "/v1/segments", latin1, "application/json");
        assertEnvelope(refused, 400);
        assertThat(refused.body().get("details").asString())
                .contains("not valid UTF-8")
                .contains("offset 13");
        assertThat(call("GET", "/v1/segments?limit=100", null)
                        .body()
                        .get("total")
                        .asInt())
                .isEqualTo(before);
        Response named =
                ServeFixtures.callBytes(port, "POST", "/v1/segments", latin1, "application/json; charset=ISO-8859-1");
        assertThat(named.status()).isEqualTo(200);
        toDelete.add(named.body().get("id").asString());
        assertThat(named.body().get("name").asString()).isEqualTo("Caf\u00e9 latin");
    }

    @Test
    void everySegmentsEndpointNeedsTheCredentials() {
        for (String[] call : new String[][] {
            {"POST", "/v1/segments"},
            {"GET", "/v1/segments"},
            {"GET", "/v1/segments/seg_x"},
            {"DELETE", "/v1/segments/seg_x"},
            {"GET", "/v1/customers?segment_id=seg_x"},
            {"GET", "/v1/customers/c/segments"},
            // methods no /v1 route has: the 405 would tell a caller without credentials which routes exist
            {"PUT", "/v1/segments"},
            {"PATCH", "/v1/segments/seg_x"},
            {"POST", "/v1/customers"},
            {"PUT", "/%761/segments"}
        }) {
            Response response = ServeFixtures.call(port, call[0], call[1], SEED_BODY, ServeFixtures.APP_ID, "wrong");
            assertEnvelope(response, 401);
        }
    }

    @Test
    void voucherifysJavaSdkCreatesGetsAndDeletesStaticAndAutoUpdateSegments() {
        VoucherifyClient client = new VoucherifyClient.Builder()
                .setAppId(ServeFixtures.APP_ID)
                .setClientSecretKey(ServeFixtures.APP_TOKEN)
                .setEndpoint("127.0.0.1:" + port)
                .withoutSSL()
                .build();

        SegmentResponse fixed = client.segments()
                .create(Segment.builder()
                        .name("SDK static")
                        .type(SegmentType.STATIC)
                        .customer("cust_a")
                        .customer("cust_b")
                        .build());
        toDelete.add(fixed.getId());
        assertThat(fixed.getId()).matches("seg_[A-Za-z0-9]{24}");
        assertThat(fixed.getType()).isEqualTo("static");
        assertThat(fixed.getObject()).isEqualTo("segment");
        Map<String, Object> filter =
                Map.of("junction", "and", "address.city", Map.of("conditions", Map.of("$is", List.of("Warsaw"))));
        SegmentResponse auto = client.segments()
                .create(Segment.builder()
                        .name("SDK auto-update")
                        .type(SegmentType.AUTO_UPDATE)
                        .filter(filter)
                        .build());
        toDelete.add(auto.getId());
        assertThat(auto.getType()).isEqualTo("auto-update");
        assertThat(auto.getFilter()).isEqualTo(filter);

        SegmentResponse got = client.segments().get(auto.getId());
        assertThat(got.getName()).isEqualTo("SDK auto-update");
        assertThat(got.getCreatedA()).as("created_at parsed by the SDK").isNotNull();
        assertThat(client.segments().get(fixed.getId()).getName()).isEqualTo("SDK static");

        client.segments().delete(fixed.getId());
        client.segments().delete(auto.getId());
        assertThatThrownBy(() -> client.segments().get(auto.getId()))
                .isInstanceOf(VoucherifyError.class)
                .satisfies(error -> assertThat(error.toString()).contains("code=404", "key=not_found"));
    }

    // helpers

    private Response call(String method, String path, String body) {
        return ServeFixtures.call(port, method, path, body);
    }

    /** Creates an API segment, deleted after the test. */
    private JsonNode create(String body) {
        Response response = call("POST", "/v1/segments", body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        toDelete.add(response.body().get("id").asString());
        return response.body();
    }

    private List<String> heldBy(String customer) {
        Response response = call("GET", "/v1/customers/" + customer + "/segments", null);
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.body()
                .get("data")
                .forEach(segment -> names.add(segment.get("name").asString()));
        assertThat(response.body().get("total").asInt()).isEqualTo(names.size());
        return names;
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.body()
                .get("customers")
                .forEach(customer -> ids.add(customer.get("id").asString()));
        return ids;
    }

    private JsonNode runJob(String job) {
        Response launched = call("POST", "/v1/jobs/" + job + "/runs", "{\"as_of\": \"2026-11-01T12:00:00Z\"}");
        assertThat(launched.status()).as(launched.raw().body()).isEqualTo(202);
        String runId = launched.body().get("id").asString();
        JsonNode[] last = new JsonNode[1];
        ServeFixtures.await(Duration.ofSeconds(60), "run " + runId + " ends", () -> {
            last[0] = call("GET", "/v1/jobs/" + job + "/runs/" + runId, null).body();
            String status = last[0].get("status").asString();
            return !status.equals("STARTING")
                    && !status.equals("STARTED")
                    && !last[0].get("report").isNull();
        });
        assertThat(last[0].get("status").asString()).isEqualTo("COMPLETED");
        // the run's status is final a moment before its job is free again: the next launch must not find it busy
        ServeFixtures.await(
                Duration.ofSeconds(60),
                "job " + job + " is free",
                () -> call("GET", "/v1/jobs", null)
                        .body()
                        .get("jobs")
                        .valueStream()
                        .filter(listed -> listed.get("name").asString().equals(job))
                        .allMatch(listed -> listed.get("active_run_id").isNull()));
        return last[0].get("report");
    }

    private static JsonNode entry(JsonNode report, String segmentId) {
        for (JsonNode entry : report.get("segments")) {
            if (entry.at("/segment/id").asString().equals(segmentId)) {
                return entry;
            }
        }
        throw new AssertionError("segment " + segmentId + " is not in the report " + report);
    }

    static void assertSegment(JsonNode segment, String name, String type, String status) {
        assertThat(segment.propertyNames()).containsExactlyElementsOf(SEGMENT_FIELDS);
        assertThat(segment.get("id").asString()).matches("seg_[A-Za-z0-9]{24}");
        assertThat(segment.get("name").asString()).isEqualTo(name);
        assertThat(segment.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(segment.get("type").asString()).isEqualTo(type);
        assertThat(segment.get("initial_sync_status").asString()).isEqualTo(status);
        assertThat(segment.get("object").asString()).isEqualTo("segment");
    }

    static void assertEnvelope(Response response, int code) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(code);
        assertThat(response.body().propertyNames()).containsExactly("code", "key", "message", "details", "request_id");
        assertThat(response.body().get("code").asInt()).isEqualTo(code);
        assertThat(response.body().get("details").asString()).isNotBlank();
        assertThat(response.body().get("request_id").asString()).isNotBlank();
    }

    static void assertNotFound(Response response, String id) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(404);
        assertThat(response.body().propertyNames())
                .containsExactly("code", "key", "message", "details", "request_id", "resource_id", "resource_type");
        assertThat(response.body().get("key").asString()).isEqualTo("not_found");
        assertThat(response.body().get("message").asString()).isEqualTo("Resource not found");
        assertThat(response.body().get("resource_id").asString()).isEqualTo(id);
        assertThat(response.body().get("resource_type").asString()).isEqualTo("segment");
    }
}
