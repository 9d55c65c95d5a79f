package io.segmentbatch.destination;

import io.segmentbatch.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Voucherify's customer segments API, the calls a push makes: {@code POST /v1/segments} (a static segment),
 * {@code GET /v1/segments} (all pages, to find a segment by name) and {@code DELETE /v1/segments/{id}}. Every call
 * waits for its slot in the service's {@link Pacer} first.
 */
final class SegmentsApi {
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 1000;

    private final String base;
    private final String appId;
    private final String appToken;
    private final Duration timeout;
    private final Pacer pacer;

    SegmentsApi(URI apiUrl, String appId, String appToken, Duration timeout, int perMinute) {
        String url = apiUrl.toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/v1/segments";
        this.appId = appId;
        this.appToken = appToken;
        this.timeout = timeout;
        this.pacer = Pacer.of(base, perMinute);
    }

    /** A segment as listed: its ID, name and creation time (null if the service gave none it could read). */
    record Remote(String id, String name, @Nullable Instant createdAt) {
        boolean createdSince(Instant since) {
            return createdAt == null || !createdAt.isBefore(since);
        }
    }

    /** Creates a static segment; returns its ID. */
    String create(String name, List<String> customers) throws CallFailure {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("type", "static");
        customers.forEach(body.putArray("customers")::add);
        HttpResponse<String> response = send(builder(URI.create(base))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                .build());
        JsonNode created = parse(response);
        if (created == null || !created.path("id").isString()) {
            throw new CallFailure(
                    CallFailure.Kind.PERMANENT,
                    "POST " + base + ": the answer has no segment id: " + response.body(),
                    null);
        }
        return created.get("id").asString();
    }

    /** Every segment of the service, oldest first. */
    List<Remote> list() throws CallFailure {
        List<Remote> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode body =
                    parse(send(builder(URI.create(base + "?limit=" + PAGE + "&page=" + page + "&order=created_at"))
                            .GET()
                            .build()));
            JsonNode data = body == null ? null : body.has("data") ? body.get("data") : body.get("segments");
            if (body == null || data == null || !data.isArray()) {
                throw new CallFailure(
                        CallFailure.Kind.PERMANENT, "GET " + base + ": the answer has no list of segments", null);
            }
            data.forEach(item -> all.add(new Remote(
                    item.path("id").asString(),
                    item.path("name").asString(),
                    instant(item.path("created_at").asString(null)))));
            if (data.size() < PAGE
                    || (body.has("total") && all.size() >= body.get("total").asLong())) {
                return all;
            }
        }
        return all;
    }

    /** Deletes a segment; one already gone (404) counts as deleted. */
    void delete(String id) throws CallFailure {
        try {
            send(builder(URI.create(base + "/" + id)).DELETE().build());
        } catch (CallFailure e) {
            if (e.kind() != CallFailure.Kind.PERMANENT
                    || !String.valueOf(e.getMessage()).contains("HTTP 404")) {
                throw e;
            }
        }
    }

    private static @Nullable Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private HttpRequest.Builder builder(URI uri) {
        return HttpCalls.request(uri, timeout)
                .header("X-App-Id", appId)
                .header("X-App-Token", appToken)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws CallFailure {
        try {
            pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure(CallFailure.Kind.INTERRUPTED, "interrupted", null);
        }
        return HttpCalls.send(request);
    }

    private static @Nullable JsonNode parse(HttpResponse<String> response) throws CallFailure {
        try {
            return response.body() == null || response.body().isBlank() ? null : Json.MAPPER.readTree(response.body());
        } catch (RuntimeException e) {
            throw new CallFailure(
                    CallFailure.Kind.TRANSIENT,
                    response.request().method() + " " + response.request().uri() + ": the answer is not JSON",
                    null);
        }
    }
}
