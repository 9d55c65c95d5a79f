package io.segmentbatch.filter;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** STUB until the filter language lands: replaced by the filter branch. */
public record MetadataSchema(Map<String, FieldType> types) {
    public static MetadataSchema empty() {
        return new MetadataSchema(Map.of());
    }

    public static MetadataSchema parse(JsonNode node, String path, List<FilterError> errors) {
        return empty();
    }

    public FieldType typeOf(String key) {
        return types.getOrDefault(key, FieldType.UNTYPED);
    }
}
