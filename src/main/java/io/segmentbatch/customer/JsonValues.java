package io.segmentbatch.customer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON cell into plain Java values: Map, List, String, BigDecimal, Boolean, or null.
 *
 * <p>Read token by token straight into those values, as Jackson's tree model would give them ({@code readTree}, then
 * each node's decimal value: a number with a fraction goes through a double; the last of a repeated key wins, in the
 * first one's place), without building the tree first. The tree's generic deserializer was the largest method the
 * JIT compiled on the 1M bench, five times over while the run evaluated (JFR: 0.6 s of C2's CPU), for a metadata
 * cell on every row.
 */
final class JsonValues {

    /**
     * Jackson's streaming parser with its defaults, as {@code Json.MAPPER} reads, but made without a mapper's
     * deserialization context (a new one per parser) and taking its buffers from the parsing thread's own pool instead
     * of the factory's shared queue, which the evaluating threads contended for: the parser's creation was 4.2% of
     * their CPU on the 1M bench (async-profiler), for a metadata cell on every row.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();

    /** The significant decimal digits a double holds whatever they are. */
    private static final int DOUBLE_DIGITS = 15;

    private JsonValues() {}

    /** Parses a cell that must hold a JSON object; the message of the exception says why not. */
    static Map<String, Object> parseObject(String cell) {
        if (!(parse(cell, "is not valid JSON (") instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) object;
        return map;
    }

    /** Parses a cell that must hold a JSON array. */
    static List<Object> parseArray(String cell) {
        if (!(parse(cell, "is not a valid JSON array (") instanceof List<?> array)) {
            throw new IllegalArgumentException("is not a JSON array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) array;
        return list;
    }

    /** The cell's one JSON value (null for none), or an exception whose message starts with {@code invalid}. */
    private static @Nullable Object parse(String cell, String invalid) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), cell)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Object value = value(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(invalid + "more after the value at " + location(parser) + ")");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(invalid + e.getOriginalMessage() + ")");
        }
    }

    private static String location(JsonParser parser) {
        return "column " + parser.currentTokenLocation().getColumnNr();
    }

    /** The value that starts at {@code token}, read to its end. */
    private static @Nullable Object value(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                    map.put(name, value(parser, parser.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(value(parser, next));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(parser.getBigIntegerValue())
                        : BigDecimal.valueOf(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> {
                double number = parser.getDoubleValue();
                if (!Double.isFinite(number)) {
                    // a decimal beyond a double's range (1e400): the row is rejected, where it used to fail the run
                    throw new IllegalArgumentException("holds a number too large to read (beyond ±1.7e308)");
                }
                // a double holds every decimal of up to 15 significant digits as written, so a number written in
                // 15 characters or fewer is read as the tree model reads it; a longer one may have more digits than a
                // double keeps, and is read exactly from its text (12345678901234567.5 stays itself)
                yield parser.getStringLength() <= DOUBLE_DIGITS ? BigDecimal.valueOf(number) : parser.getDecimalValue();
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("is not valid JSON (unexpected " + token + ")");
        };
    }
}
