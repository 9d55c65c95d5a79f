package io.segmentbatch.job;

import io.segmentbatch.filter.JsonPath;
import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;
import tools.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Typed reads of a definition's JSON that record an error (with its JSON path) instead of throwing. */
final class DefinitionReader {

    private final String file;
    private final List<DefinitionError> errors;

    DefinitionReader(String file, List<DefinitionError> errors) {
        this.file = file;
        this.errors = errors;
    }

    void error(String path, String message) {
        errors.add(new DefinitionError(file, path, message));
    }

    void rejectUnknownKeys(JsonNode object, String path, Set<String> known) {
        for (String key : object.propertyNames()) {
            if (!known.contains(key)) {
                error(
                        JsonPath.key(path, key),
                        "unknown key '" + key + "' (expected one of "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    @Contract("_, _, _, !null -> !null")
    @Nullable
    String string(JsonNode parent, String key, String path, @Nullable String fallback) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isString() || node.asString().isBlank()) {
            error(JsonPath.key(path, key), "expected a non-empty string");
            return fallback;
        }
        if (node.asString().indexOf('\0') >= 0) {
            error(JsonPath.key(path, key), "a NUL character (\\u0000) is not allowed here");
            return fallback;
        }
        return node.asString();
    }

    int integer(JsonNode parent, String key, String path, int fallback, int min, int max) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            error(JsonPath.key(path, key), "expected a whole number from " + min + " to " + max + ", found " + node);
            return fallback;
        }
        return node.intValue();
    }

    boolean bool(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            error(JsonPath.key(path, key), "expected true or false, found " + node);
            return false;
        }
        return node.booleanValue();
    }

    ZoneId zone(JsonNode parent, String key, String path) {
        String value = string(parent, key, path, null);
        if (value == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            error(
                    JsonPath.key(path, key),
                    "unknown time zone '" + value + "' (expected an IANA name such as Europe/Warsaw, or UTC)");
            return ZoneId.of("UTC");
        }
    }

    @Contract("_, _, _, !null, _, _ -> !null")
    <T> @Nullable T choice(
            JsonNode parent,
            String key,
            String path,
            @Nullable T fallback,
            Function<String, @Nullable T> lookup,
            String expected) {
        String value = string(parent, key, path, null);
        if (value == null) {
            return fallback;
        }
        T result = lookup.apply(value);
        if (result == null) {
            error(JsonPath.key(path, key), "expected " + expected + ", found '" + value + "'");
            return fallback;
        }
        return result;
    }

    @Nullable
    JsonNode object(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            error(
                    JsonPath.key(path, key),
                    "expected an object, found " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        return node;
    }
}
