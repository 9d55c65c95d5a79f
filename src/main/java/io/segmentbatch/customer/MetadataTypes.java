package io.segmentbatch.customer;

import io.segmentbatch.filter.FieldType;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gives metadata values the types the job's {@code metadata_schema} declares. Undeclared values keep their
 * JSON type (text for {@code metadata.<key>} columns); the filter language decides how to use them.
 */
final class MetadataTypes {
    private final Function<String, FieldType> declared;
    private final ZoneId zone;

    MetadataTypes(Function<String, FieldType> declared, ZoneId zone) {
        this.declared = declared;
        this.zone = zone;
    }

    /** The value of a {@code metadata.<key>} cell (never empty). */
    Object fromText(String key, String text) {
        FieldType type = declared.apply(key);
        return switch (type) {
            case ARRAY -> text.startsWith("[") ? elements(JsonValues.parseArray(text)) : splitList(text);
            case UNTYPED, STRING -> text;
            default -> convert(type, text);
        };
    }

    /** A value of the {@code metadata} JSON object, typed when its key is declared. */
    @Nullable
    Object fromJson(String key, Object value) {
        FieldType type = declared.apply(key);
        if (value == null || type == FieldType.UNTYPED) {
            return value;
        }
        if (type == FieldType.ARRAY) {
            if (value instanceof List<?> list) {
                return elements(list);
            }
            throw new IllegalArgumentException("is declared an array but holds " + value);
        }
        if (value instanceof String text) {
            return type == FieldType.STRING ? text : text.isBlank() ? null : convert(type, text.strip());
        }
        return switch (type) {
            case NUMBER -> requireType(value, BigDecimal.class, "a number");
            case BOOLEAN -> requireType(value, Boolean.class, "a boolean");
            // a number or a boolean reads as its text; an array or an object is no string (its row is rejected, as
            // a declared number holding "abc" is)
            case STRING -> {
                if (value instanceof List<?> || value instanceof java.util.Map<?, ?>) {
                    throw new IllegalArgumentException(
                            "is declared a string but holds " + (value instanceof List<?> ? "an array" : "an object"));
                }
                yield String.valueOf(value);
            }
            default ->
                throw new IllegalArgumentException(
                        "is declared " + type.name().toLowerCase(java.util.Locale.ROOT) + " but holds " + value);
        };
    }

    private Object convert(FieldType type, String text) {
        return switch (type) {
            case NUMBER -> CellValues.number(text);
            case BOOLEAN -> CellValues.bool(text);
            case DATE -> CellValues.date(text);
            case DATETIME -> CellValues.dateTime(text, zone);
            default -> text;
        };
    }

    private static Object requireType(Object value, Class<?> type, String expected) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("is declared " + expected + " but holds " + value);
        }
        return value;
    }

    private static List<Object> splitList(String text) {
        List<Object> elements = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                elements.add(part.strip());
            }
        }
        return elements;
    }

    private static List<Object> elements(List<?> list) {
        List<Object> elements = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof String || element instanceof BigDecimal) {
                elements.add(element);
            } else if (element != null) {
                throw new IllegalArgumentException("is declared an array of strings or numbers but holds " + element);
            }
        }
        return elements;
    }
}
