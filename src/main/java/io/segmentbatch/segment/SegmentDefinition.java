package io.segmentbatch.segment;

import io.segmentbatch.filter.ParsedFilter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * One segment of a job: a filter segment ({@code filter} and its parsed form set) or a static one
 * ({@code customers} set).
 *
 * @param filterJson the filter as written, echoed in the report and the API
 */
public record SegmentDefinition(
        String name,
        SegmentType type,
        @Nullable JsonNode filterJson,
        @Nullable ParsedFilter filter,
        List<String> customers) {
    /** Voucherify's cap on the customers of a static segment. */
    public static final int MAX_STATIC_CUSTOMERS = 20_000;

    public SegmentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (type.hasFilter() && (filter == null || filterJson == null)) {
            throw new IllegalArgumentException(type.withArticle() + " segment needs a filter");
        }
        if (!type.hasFilter() && (customers == null || customers.size() > MAX_STATIC_CUSTOMERS)) {
            throw new IllegalArgumentException("a static segment lists 0 to 20,000 customers");
        }
        customers = customers == null ? List.of() : List.copyOf(customers);
    }
}
