package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The declared types of metadata keys (a job's {@code metadata_schema}). Keys are metadata keys without
 * the {@code metadata.} prefix; a key that is not declared is {@link FieldType#UNTYPED}.
 *
 * @param types declared type per metadata key; never {@link FieldType#UNTYPED}
 */
public record MetadataSchema(Map<String, FieldType> types) {

    private static final String TYPE_NAMES = "string, number, boolean, date, datetime or array";

    public MetadataSchema {
        Objects.requireNonNull(types, "types");
        types.forEach((key, type) -> {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("metadata key must not be empty");
            }
            if (type == null || type == FieldType.UNTYPED) {
                throw new IllegalArgumentException("metadata key " + key + " needs a declared type, got " + type);
            }
        });
        types = Map.copyOf(types);
    }

    public static MetadataSchema empty() {
        return new MetadataSchema(Map.of());
    }

    /**
     * Parses the job's {@code metadata_schema} object ({@code {"club_level":"string","tags":"array"}}).
     * Appends errors (with JSON paths under {@code path}) and returns what it could read; a {@code null},
     * missing or JSON-null node is the empty schema.
     */
    public static MetadataSchema parse(JsonNode node, String path, List<FilterError> errors) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return empty();
        }
        if (!node.isObject()) {
            errors.add(new FilterError(
                    path,
                    "expected an object of metadata key to type (" + TYPE_NAMES + "), got "
                            + JsonKinds.describe(node)));
            return empty();
        }
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String keyPath = JsonPath.key(path, entry.getKey());
            if (entry.getKey().isEmpty()) {
                errors.add(new FilterError(keyPath, "expected a metadata key, got an empty name"));
                continue;
            }
            FieldType type = typeNamed(entry.getValue());
            if (type == null) {
                errors.add(new FilterError(
                        keyPath,
                        entry.getValue().isString()
                                ? "unknown metadata type " + JsonKinds.describe(entry.getValue()) + "; expected "
                                        + TYPE_NAMES
                                : "expected a metadata type (" + TYPE_NAMES + "), got "
                                        + JsonKinds.describe(entry.getValue())));
            } else {
                types.put(entry.getKey(), type);
            }
        }
        return new MetadataSchema(types);
    }

    /** The declared type of a metadata key, or {@link FieldType#UNTYPED} when it is not declared. */
    public FieldType typeOf(String metadataKey) {
        return types.getOrDefault(metadataKey, FieldType.UNTYPED);
    }

    private static @Nullable FieldType typeNamed(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        return switch (value.stringValue()) {
            case "string" -> FieldType.STRING;
            case "number" -> FieldType.NUMBER;
            case "boolean" -> FieldType.BOOLEAN;
            case "date" -> FieldType.DATE;
            case "datetime" -> FieldType.DATETIME;
            case "array" -> FieldType.ARRAY;
            default -> null;
        };
    }

    /** The schema's name of a declared type, as written in a job file. */
    static String nameOf(FieldType type) {
        return type == FieldType.UNTYPED ? "untyped metadata" : type.name().toLowerCase(Locale.ROOT);
    }
}
