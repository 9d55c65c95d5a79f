package io.segmentbatch.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** A {@code customer.segment.entered} or {@code customer.segment.left} event, as one line of {@code events.ndjson}. */
@JsonPropertyOrder({"id", "type", "created_at", "group_id", "data"})
public record SegmentEvent(
        String id,
        String type,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("group_id") String groupId,
        Data data) {
    public static final String ENTERED = "customer.segment.entered";
    public static final String LEFT = "customer.segment.left";

    @JsonPropertyOrder({"customer", "segment"})
    public record Data(Customer customer, Segment segment) {}

    @JsonPropertyOrder({"id", "source_id", "name", "email", "object"})
    public record Customer(
            String id,
            @JsonProperty("source_id") @Nullable String sourceId,
            @Nullable String name,
            @Nullable String email,
            String object) {
        public Customer(String id, @Nullable String sourceId, @Nullable String name, @Nullable String email) {
            this(id, sourceId, name, email, "customer");
        }
    }

    @JsonPropertyOrder({"id", "name", "object"})
    public record Segment(String id, String name, String object) {
        public Segment(String id, String name) {
            this(id, name, "segment");
        }
    }

    public String toJson() {
        return ReportJson.MAPPER.writeValueAsString(this);
    }
}
