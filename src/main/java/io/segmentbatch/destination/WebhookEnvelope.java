package io.segmentbatch.destination;

import io.segmentbatch.json.Json;
import io.segmentbatch.segment.SegmentIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event in Voucherify's webhook envelope (webhooks v2024-01-01, docs.voucherify.io "Webhooks v2024-01-01": every
 * payload has the keys {@code id, project_id, created_at, type, data, source, event}). {@code id} is the sendout's ID
 * ({@code whs_…}, the same on every retry of this event to this destination), {@code project_id} the job's name,
 * {@code type}, {@code created_at} and {@code data} those of the event, {@code source} where it came from, and
 * {@code event} the whole line of {@code events.ndjson}.
 */
final class WebhookEnvelope {

    private WebhookEnvelope() {}

    static String of(String destKey, String jobName, String eventJson) {
        JsonNode event = Json.MAPPER.readTree(eventJson);
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("id", SegmentIds.derived("whs_", destKey, event.path("id").asString()));
        envelope.put("project_id", jobName);
        envelope.set("created_at", event.get("created_at"));
        envelope.set("type", event.get("type"));
        envelope.set("data", event.get("data"));
        ObjectNode source = envelope.putObject("source");
        source.put("channel", "segment-batch");
        source.put("object_type", "run");
        source.set("object_id", event.get("group_id"));
        envelope.set("event", event);
        return Json.MAPPER.writeValueAsString(envelope);
    }
}
