package io.segmentbatch.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.segmentbatch.destination.Destinations;
import io.segmentbatch.filter.JsonLimits;
import io.segmentbatch.json.Json;
import io.segmentbatch.report.Times;
import io.segmentbatch.store.Deliveries;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /v1/deliveries}: the event deliveries of webhook and rabbitmq destinations. {@code GET} lists them (by
 * {@code state}: pending, delivered, dead; by {@code destination}); {@code POST /v1/deliveries/redeliver} makes dead
 * ones pending again (all, or those of a destination or of given event IDs), for the dispatcher to send.
 */
@RestController
@RequestMapping(path = "/v1/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class DeliveriesController {
    /** The keys of a redelivery's body. */
    private static final List<String> REDELIVER_KEYS = List.of("destination", "event_ids");

    private final Destinations destinations;

    DeliveriesController(Destinations destinations) {
        this.destinations = destinations;
    }

    @JsonPropertyOrder({
        "destination",
        "event_id",
        "run_id",
        "type",
        "state",
        "tries",
        "next_attempt_at",
        "last_error",
        "object"
    })
    record DeliveryJson(
            String destination,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("run_id") String runId,
            String type,
            String state,
            int tries,
            @JsonProperty("next_attempt_at") @Nullable String nextAttemptAt,
            @JsonProperty("last_error") @Nullable String lastError,
            String object) {
        static DeliveryJson of(Deliveries.DeliveryRow row) {
            return new DeliveryJson(
                    row.destKey(),
                    row.eventId(),
                    row.runId(),
                    row.eventType(),
                    row.state().toLowerCase(Locale.ROOT),
                    row.tries(),
                    row.state().equals("PENDING") ? Times.format(row.nextAttemptAt()) : null,
                    row.lastError(),
                    "delivery");
        }
    }

    @JsonPropertyOrder({"object", "data_ref", "deliveries", "total"})
    record DeliveryList(
            String object, @JsonProperty("data_ref") String dataRef, List<DeliveryJson> deliveries, long total) {}

    record Redelivered(String object, long redelivered) {}

    @io.swagger.v3.oas.annotations.Operation(
            summary = "List event deliveries",
            description =
                    "Event deliveries of the "
                            + "webhook and rabbitmq destinations, newest first, filtered by state (pending, delivered, dead) and destination.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "A page of deliveries")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "400",
            description = "An unknown state, or a destination that no delivery has and no job names")
    @GetMapping
    DeliveryList list(
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String destination,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String page) {
        String filter = state(state);
        int size = Paging.limit(limit);
        destinations.unknownDeliveryDestination(destination).ifPresent(problem -> {
            throw ApiException.badRequest("invalid_destination", "destination: " + problem);
        });
        List<DeliveryJson> rows =
                destinations.deliveries(filter, destination, size, (int) Paging.offset(page, size)).stream()
                        .map(DeliveryJson::of)
                        .toList();
        return new DeliveryList("list", "deliveries", rows, destinations.countDeliveries(filter, destination));
    }

    /** Body (optional): {@code {"destination": "…", "event_ids": ["evcus_…"]}}. */
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Redeliver dead events",
            description =
                    "Makes dead deliveries "
                            + "pending again (all, those of one destination, or the listed event IDs); the dispatcher sends them.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "How many were made pending again")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "400",
            description = "A malformed body, an unknown key, a destination no delivery has, or an event ID with no"
                    + " dead delivery; nothing is redelivered")
    @PostMapping("/redeliver")
    Redelivered redeliver(@RequestBody(required = false) String body) {
        String destination = null;
        List<String> eventIds = new ArrayList<>();
        if (body != null && !body.isBlank()) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(body);
            } catch (JacksonException e) {
                throw ApiException.badRequest(
                        "invalid_payload", "The body is not valid JSON: " + JsonLimits.describe(e));
            }
            if (!json.isObject()) {
                throw ApiException.badRequest("invalid_payload", "$: expected an object");
            }
            for (String key : json.propertyNames()) {
                if (!REDELIVER_KEYS.contains(key)) {
                    throw ApiException.badRequest(
                            "invalid_payload",
                            "$." + key + ": unknown property (expected " + String.join(", ", REDELIVER_KEYS) + ")");
                }
            }
            if (json.hasNonNull("destination")) {
                if (!json.get("destination").isString()) {
                    throw ApiException.badRequest("invalid_payload", "$.destination: expected a string");
                }
                destination = json.get("destination").asString();
            }
            JsonNode ids = json.get("event_ids");
            if (ids != null && !ids.isNull()) {
                if (!ids.isArray()) {
                    throw ApiException.badRequest("invalid_payload", "$.event_ids: expected an array of event IDs");
                }
                if (ids.isEmpty()) {
                    // a client sending "the IDs picked" with none picked must not replay every dead delivery
                    throw ApiException.badRequest(
                            "invalid_payload",
                            "$.event_ids: empty; name the events to redeliver, or leave event_ids out to redeliver"
                                    + " every dead delivery (of the destination, when one is named)");
                }
                for (int i = 0; i < ids.size(); i++) {
                    if (!ids.get(i).isString()) {
                        throw ApiException.badRequest(
                                "invalid_payload", "$.event_ids[" + i + "]: expected an event ID");
                    }
                    eventIds.add(ids.get(i).asString());
                }
            }
        }
        // checked before anything changes: a typo redelivers nothing and says so
        destinations.unknownDeliveryDestination(destination).ifPresent(problem -> {
            throw ApiException.badRequest("invalid_destination", "$.destination: " + problem);
        });
        List<String> problems = destinations.notRedeliverable(destination, eventIds);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(
                    "invalid_event_ids", "$.event_ids: " + String.join("; ", problems) + "; nothing was redelivered");
        }
        return new Redelivered(
                "redelivery", destinations.redeliver(destination, eventIds).size());
    }

    private static @Nullable String state(@Nullable String state) {
        if (state == null || state.equals("all")) {
            return null;
        }
        if (!List.of("pending", "delivered", "dead").contains(state)) {
            throw ApiException.badRequest(
                    "invalid_state", "state must be pending, delivered, dead or all, found '" + state + "'");
        }
        return state;
    }
}
