package io.segmentbatch.customer;

import io.segmentbatch.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a JSON cell into plain Java values: Map, List, String, BigDecimal, Boolean, or null. */
final class JsonValues {

    private JsonValues() {}

    /** Parses a cell that must hold a JSON object; the message of the exception says why not. */
    static Map<String, Object> parseObject(String cell) {
        Map<String, Object> streamed = streamObject(cell);
        return streamed != null ? streamed : treeObject(cell);
    }

    /**
     * The cell's object read token by token into Java values, the same values as {@link #toJava} gives from the
     * tree, without building the tree (JFR: the tree and its conversion were 8% of evaluation, a metadata cell on
     * every row). Null when the cell is not one well-formed JSON object: the tree path then says why.
     */
    private static @Nullable Map<String, Object> streamObject(String cell) {
        try (JsonParser parser = Json.MAPPER.createParser(cell)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> object = readObject(parser);
            return parser.nextToken() == null ? object : null;
        } catch (JacksonException | NumberFormatException | IllegalStateException e) {
            return null;
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            parser.nextToken();
            map.put(name, readValue(parser));
        }
        return map;
    }

    private static @Nullable Object readValue(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IllegalStateException("a JSON value ends early");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(parser.getBigIntegerValue())
                        : BigDecimal.valueOf(parser.getLongValue());
            // as the tree holds it: a double (whose BigDecimal is its shortest decimal text); infinite: to the tree
            case VALUE_NUMBER_FLOAT -> BigDecimal.valueOf(parser.getDoubleValue());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    /** The same through Jackson's tree: slower, and the one whose errors a reject names. */
    static Map<String, Object> treeObject(String cell) {
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
