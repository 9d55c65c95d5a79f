package io.segmentbatch.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.segmentbatch.json.Json;
import io.segmentbatch.report.SegmentObject;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.StoredSegment;
import io.segmentbatch.store.Memberships;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** The JSON bodies of {@code /v1/segments} and {@code /v1/customers}, with Voucherify's fields in Voucherify's order. */
final class SegmentJson {
    private SegmentJson() {}

    /** Voucherify's segment object ({@code id, name, created_at, type, filter, initial_sync_status, object}). */
    static SegmentObject object(StoredSegment segment) {
        return new SegmentObject(
                segment.id(),
                segment.name(),
                Times.format(segment.createdAt()),
                segment.type().json(),
                segment.filterJson() == null ? null : Json.DECIMALS.readTree(segment.filterJson()),
                segment.syncStatus());
    }

    @JsonPropertyOrder({"object", "data_ref", "data", "total"})
    record SegmentList(
            String object, @JsonProperty("data_ref") String dataRef, List<SegmentObject> data, long total) {
        SegmentList(List<SegmentObject> data, long total) {
            this("list", "data", data, total);
        }
    }

    /** A segment as {@code GET /v1/customers/{id}/segments} lists it. */
    @JsonPropertyOrder({"id", "name", "object"})
    record SegmentRef(String id, String name, String object) {
        static SegmentRef of(Memberships.Holding holding) {
            return new SegmentRef(holding.id(), holding.name(), "segment");
        }
    }

    @JsonPropertyOrder({"object", "data_ref", "data", "total"})
    record SegmentRefList(
            String object, @JsonProperty("data_ref") String dataRef, List<SegmentRef> data, long total) {
        SegmentRefList(List<SegmentRef> data) {
            this("list", "data", data, data.size());
        }
    }

    @JsonPropertyOrder({"id", "source_id", "object"})
    record Customer(
            String id, @JsonProperty("source_id") @Nullable String sourceId, String object) {
        static Customer of(Memberships.Member member) {
            return new Customer(member.id(), member.sourceId(), "customer");
        }
    }

    @JsonPropertyOrder({"object", "data_ref", "customers", "total", "has_more"})
    record CustomerList(
            String object,
            @JsonProperty("data_ref") String dataRef,
            List<Customer> customers,
            long total,
            @JsonProperty("has_more") boolean hasMore) {
        CustomerList(List<Customer> customers, long total, boolean hasMore) {
            this("list", "customers", customers, total, hasMore);
        }
    }
}
