package io.segmentbatch.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.Objects;

/** Voucherify's segment object: exactly these seven fields, in this order. */
@JsonPropertyOrder({"id", "name", "created_at", "type", "filter", "initial_sync_status", "object"})
public record SegmentObject(
        String id,
        String name,
        @JsonProperty("created_at") String createdAt,
        String type,
        @Nullable JsonNode filter,
        @JsonProperty("initial_sync_status") String initialSyncStatus,
        String object) {
    public SegmentObject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(initialSyncStatus, "initialSyncStatus");
    }

    public SegmentObject(
            String id,
            String name,
            String createdAt,
            String type,
            @Nullable JsonNode filter,
            String initialSyncStatus) {
        this(id, name, createdAt, type, filter, initialSyncStatus, "segment");
    }
}
