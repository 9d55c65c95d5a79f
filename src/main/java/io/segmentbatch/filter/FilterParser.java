package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads filter documents ({@code jobs/README.md}, "Shape") into {@link ParsedFilter} trees, checking everything a
 * definition can get wrong and reporting every problem with the JSON path of the offending key.
 */
public final class FilterParser {
    /**
     * How deep groups may nest: the filter itself is level 1, each group in its {@code filters} level 2, and so on.
     * Deeper filters are refused where they pass the limit, with that JSON path.
     */
    public static final int MAX_DEPTH = 32;

    private static final String JUNCTION = "junction";
    private static final String FILTERS = "filters";

    private final ConditionParser conditions;

    public FilterParser(MetadataSchema schema) {
        this.conditions = new ConditionParser(Objects.requireNonNull(schema, "schema"));
    }

    /**
     * Parses one filter document found at JSON path {@code path} (e.g. {@code $.segments[3].filter}).
     * Appends every error found to {@code errors}, each with the JSON path of the offending key and what
     * was expected, and returns {@code null} when there was any.
     */
    public @Nullable ParsedFilter parse(JsonNode filter, String path, List<FilterError> errors) {
        Objects.requireNonNull(path, "path");
        int errorsBefore = errors.size();
        Group root = group(filter, path, errors, 1);
        return root == null || errors.size() > errorsBefore ? null : new ParsedFilter(root);
    }

    private @Nullable Group group(JsonNode node, String path, List<FilterError> errors, int depth) {
        if (depth > MAX_DEPTH) {
            errors.add(new FilterError(
                    path,
                    "groups nest more than " + MAX_DEPTH + " levels deep here; a filter nests " + "at most " + MAX_DEPTH
                            + " levels of \"filters\" (the filter itself is level 1)"));
            return null;
        }
        if (node == null || !node.isObject()) {
            errors.add(new FilterError(path, "expected a filter object, got " + JsonKinds.describe(node)));
            return null;
        }
        Junction junction = Junction.AND;
        List<Node> parts = new ArrayList<>();
        boolean hasParts = false;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String keyPath = JsonPath.key(path, key);
            JsonNode value = entry.getValue();
            if (key.equals(JUNCTION)) {
                junction = junction(value, keyPath, errors);
            } else if (key.equals(FILTERS)) {
                hasParts |= nested(value, keyPath, parts, errors, depth + 1);
            } else {
                hasParts = true;
                conditions.field(key, value, keyPath, errors).ifPresent(parts::add);
            }
        }
        if (!hasParts) {
            errors.add(new FilterError(
                    path,
                    "expected at least one field condition or a nested group in \"filters\", "
                            + "e.g. {\"address.city\": {\"conditions\": {\"$is\": [\"Berlin\"]}}}"));
            return null;
        }
        return parts.isEmpty() || junction == null ? null : new Group(junction, parts);
    }

    private static @Nullable Junction junction(JsonNode value, String path, List<FilterError> errors) {
        Optional<Junction> junction = value.isString() ? Junction.named(value.stringValue()) : Optional.empty();
        if (junction.isEmpty()) {
            errors.add(new FilterError(path, "expected \"and\" or \"or\", got " + JsonKinds.describe(value)));
        }
        return junction.orElse(null);
    }

    /** Parses the nested groups; tells whether there was at least one (valid or not). */
    private boolean nested(JsonNode value, String path, List<Node> parts, List<FilterError> errors, int depth) {
        if (!value.isArray()) {
            errors.add(new FilterError(
                    path, "expected an array of nested filter objects, got " + JsonKinds.describe(value)));
            return true;
        }
        for (int i = 0; i < value.size(); i++) {
            Group group = group(value.get(i), JsonPath.index(path, i), errors, depth);
            if (group != null) {
                parts.add(group);
            }
        }
        return !value.isEmpty();
    }
}
