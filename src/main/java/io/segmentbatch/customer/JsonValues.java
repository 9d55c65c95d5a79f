package io.segmentbatch.customer;

import io.segmentbatch.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a JSON cell into plain Java values: Map, List, String, BigDecimal, Boolean, or null. */
final class JsonValues {

    private JsonValues() {}

    /** Parses a cell that must hold a JSON object; the message of the exception says why not. */
    static Map<String, Object> parseObject(String cell) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(cell);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) java.util.Objects.requireNonNull(toJava(node));
        return map;
    }

    /** Parses a cell that must hold a JSON array. */
    static List<Object> parseArray(String cell) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(cell);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("is not a valid JSON array (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("is not a JSON array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) java.util.Objects.requireNonNull(toJava(node));
        return list;
    }

    static @Nullable Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                map.put(property.getKey(), toJava(property.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toJava(element));
            }
            return list;
        }
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                // a decimal beyond a double's range (1e400): the row is rejected, where it used to fail the run
                throw new IllegalArgumentException("holds a number too large to read (beyond ±1.7e308)");
            }
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }
}
