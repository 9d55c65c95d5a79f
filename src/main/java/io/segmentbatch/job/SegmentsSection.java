package io.segmentbatch.job;

import io.segmentbatch.filter.FilterError;
import io.segmentbatch.filter.FilterParser;
import io.segmentbatch.filter.JsonPath;
import io.segmentbatch.filter.ParsedFilter;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentLimits;
import io.segmentbatch.segment.SegmentType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code segments} array of a job file: names, types, filters and customer lists, with Voucherify's caps. */
final class SegmentsSection {
    private static final Set<String> SEGMENT_KEYS = Set.of("name", "type", "filter", "customers");

    private SegmentsSection() {}

    static List<SegmentDefinition> read(
            DefinitionReader in, JsonNode root, FilterParser parser, List<FilterError> filterErrors) {
        JsonNode array = root.get("segments");
        if (array == null || !array.isArray() || array.isEmpty()) {
            in.error("$.segments", "expected a non-empty array of segments");
            return List.of();
        }
        List<SegmentDefinition> segments = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int filterSegments = 0;
        for (int i = 0; i < array.size(); i++) {
            String path = JsonPath.index("$.segments", i);
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                in.error(path, "expected a segment object with name and type");
                continue;
            }
            in.rejectUnknownKeys(node, path, SEGMENT_KEYS);
            String name = in.string(node, "name", path, null);
            if (name == null) {
                if (node.get("name") == null || node.get("name").isNull()) {
                    // a name given but refused has had its error already
                    in.error(path + ".name", "a segment needs a name");
                }
            } else if (SegmentLimits.jobNameProblem(name).isPresent()) {
                in.error(path + ".name", SegmentLimits.jobNameProblem(name).get());
                name = null;
            } else if (!seen.add(name)) {
                in.error(
                        path + ".name",
                        "duplicate segment name '" + name + "' (also at $.segments[" + names.get(name)
                                + "]); names are unique within a job");
            } else {
                names.put(name, i);
            }
            SegmentType type = in.choice(
                    node,
                    "type",
                    path,
                    null,
                    value -> SegmentType.fromJson(value).orElse(null),
                    "'auto-update', 'passive' or 'static'");
            if (type == null) {
                if (!node.has("type")) {
                    in.error(path + ".type", "a segment needs a type: 'auto-update', 'passive' or 'static'");
                }
                continue;
            }
            SegmentDefinition segment = type.hasFilter()
                    ? filterSegment(in, node, path, name, type, parser, filterErrors)
                    : staticSegment(in, node, path, name);
            if (type.hasFilter()) {
                filterSegments++;
            }
            if (segment != null) {
                segments.add(segment);
            }
        }
        if (!SegmentLimits.filterSegmentsFit(filterSegments)) {
            in.error(
                    "$.segments",
                    "the job has " + filterSegments + " auto-update and passive segments; at most "
                            + SegmentLimits.MAX_FILTER_SEGMENTS + " are allowed (Voucherify's cap)");
        }
        return segments;
    }

    private static @Nullable SegmentDefinition filterSegment(
            DefinitionReader in,
            JsonNode node,
            String path,
            @Nullable String name,
            SegmentType type,
            FilterParser parser,
            List<FilterError> filterErrors) {
        if (node.has("customers")) {
            in.error(
                    path + ".customers",
                    type.withArticle()
                            + " segment selects customers by its filter; only static segments list customers");
        }
        JsonNode filter = node.get("filter");
        if (filter == null || filter.isNull()) {
            in.error(path + ".filter", type.withArticle() + " segment needs a filter");
            return null;
        }
        ParsedFilter parsed = parser.parse(filter, path + ".filter", filterErrors);
        return parsed == null || name == null ? null : new SegmentDefinition(name, type, filter, parsed, List.of());
    }

    private static @Nullable SegmentDefinition staticSegment(
            DefinitionReader in, JsonNode node, String path, @Nullable String name) {
        if (node.has("filter")) {
            in.error(path + ".filter", "a static segment lists its customers; it cannot have a filter");
        }
        JsonNode customers = node.get("customers");
        if (customers == null || !customers.isArray()) {
            in.error(path + ".customers", "a static segment needs a customers array of customer IDs");
            return null;
        }
        if (customers.size() > SegmentDefinition.MAX_STATIC_CUSTOMERS) {
            in.error(
                    path + ".customers",
                    "a static segment lists at most 20,000 customers (Voucherify's cap); this one lists "
                            + customers.size());
            return null;
        }
        List<String> ids = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            JsonNode id = customers.get(i);
            if (!id.isString() || id.asString().isBlank()) {
                in.error(JsonPath.index(path + ".customers", i), "expected a customer ID (a non-empty string)");
            } else if (SegmentLimits.customerIdProblem(id.asString().strip()).isPresent()) {
                in.error(
                        JsonPath.index(path + ".customers", i),
                        SegmentLimits.customerIdProblem(id.asString().strip()).get());
            } else {
                ids.add(id.asString().strip());
            }
        }
        return name == null ? null : new SegmentDefinition(name, SegmentType.STATIC, null, null, ids);
    }
}
