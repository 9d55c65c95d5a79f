package io.segmentbatch.api;

import io.segmentbatch.filter.JsonLimits;
import io.segmentbatch.json.Json;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentLimits;
import io.segmentbatch.segment.SegmentType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /v1/segments}, checked for shape: Voucherify's {@code name}, {@code type},
 * {@code customers} (static) or {@code filter} (auto-update, passive), its {@code metadata} (accepted, not kept),
 * and the extension {@code job}. The filter itself is checked against its job's schema later.
 *
 * @param customers the customer IDs of a static segment, as given; null for a filter segment
 * @param filter    the filter of an auto-update or passive segment, as given; null for a static one
 * @param job       the job that is to evaluate the filter segment; null: the job with {@code api_segments}
 */
record NewSegment(
        String name,
        SegmentType type,
        @Nullable List<String> customers,
        @Nullable JsonNode filter,
        @Nullable String job) {
    /** Filter decimals stay exact, as in job files. */
    private static final Set<String> KEYS =
            new TreeSet<>(Set.of("name", "type", "customers", "filter", "metadata", "job"));

    static NewSegment parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : Json.DECIMALS.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid_payload", "The body is not valid JSON: " + JsonLimits.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("invalid_payload", "The body must be a JSON object with name and type.");
        }
        for (String key : root.propertyNames()) {
            if (!KEYS.contains(key)) {
                throw invalid("$." + key, "unknown property (expected " + String.join(", ", KEYS) + ")");
            }
        }
        String name = text(root, "name");
        if (name == null) {
            throw invalid("$.name", "a segment needs a name (a non-empty string)");
        }
        SegmentLimits.nameProblem(name).ifPresent(problem -> {
            throw invalid("$.name", problem);
        });
        String typeText = text(root, "type");
        if (typeText == null) {
            throw invalid("$.type", "a segment needs a type: 'static', 'auto-update' or 'passive'");
        }
        SegmentType type = SegmentType.fromJson(typeText)
                .orElseThrow(() -> invalid(
                        "$.type", "unknown type '" + typeText + "' (expected 'static', 'auto-update' or 'passive')"));
        JsonNode metadata = root.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw invalid("$.metadata", "expected an object");
        }
        String job = root.has("job") && !root.get("job").isNull() ? text(root, "job") : null;
        if (root.has("job") && !root.get("job").isNull() && job == null) {
            throw invalid("$.job", "expected the name of a job (a non-empty string)");
        }
        if (type.hasFilter() || job != null) {
            // a filter segment, or a static one of a job, shares the job's names with the static segments cut there
            SegmentLimits.jobNameProblem(name).ifPresent(problem -> {
                throw invalid("$.name", problem);
            });
        }
        return type.hasFilter() ? filterSegment(root, name, type, job) : staticSegment(root, name, job);
    }

    private static NewSegment staticSegment(JsonNode root, String name, @Nullable String job) {
        if (present(root, "filter")) {
            throw invalid("$.filter", "a static segment lists its customers; it cannot have a filter");
        }
        if (job != null) {
            throw invalid(
                    "$.job",
                    "a static segment is not evaluated by a job; job applies to auto-update and passive segments");
        }
        JsonNode customers = root.get("customers");
        if (customers == null || !customers.isArray()) {
            throw invalid("$.customers", "a static segment needs a customers array of customer IDs");
        }
        if (customers.size() > SegmentDefinition.MAX_STATIC_CUSTOMERS) {
            throw ApiException.badRequest(
                    "limit_exceeded",
                    "$.customers: a static segment lists at most 20,000 customers"
                            + " (Voucherify's cap); this one lists " + customers.size()
                            + ". Use an auto-update or passive segment for more.");
        }
        List<String> ids = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            JsonNode id = customers.get(i);
            if (!id.isString() || id.asString().isBlank()) {
                throw invalid("$.customers[" + i + "]", "expected a customer ID (a non-empty string)");
            }
            String customer = id.asString().strip();
            String path = "$.customers[" + i + "]";
            SegmentLimits.customerIdProblem(customer).ifPresent(problem -> {
                throw invalid(path, problem);
            });
            ids.add(customer);
        }
        return new NewSegment(name, SegmentType.STATIC, ids, null, null);
    }

    private static NewSegment filterSegment(JsonNode root, String name, SegmentType type, @Nullable String job) {
        if (present(root, "customers")) {
            throw invalid(
                    "$.customers",
                    type.withArticle()
                            + " segment selects customers by its filter; only static segments list customers");
        }
        if (!present(root, "filter")) {
            throw invalid("$.filter", type.withArticle() + " segment needs a filter");
        }
        return new NewSegment(name, type, null, root.get("filter"), job);
    }

    private static boolean present(JsonNode root, String key) {
        return root.has(key) && !root.get(key).isNull();
    }

    private static @Nullable String text(JsonNode root, String key) {
        JsonNode node = root.get(key);
        return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
    }

    static ApiException invalid(String path, String message) {
        return ApiException.badRequest("invalid_payload", path + ": " + message);
    }
}
