package io.segmentbatch.filter;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Customers of the fixture files: a JSON object of canonical field path to JSON value. The resolver turns
 * each value into what a {@link FieldAccessor} returns for the field's type (an absent key is missing).
 */
final class JsonCustomers implements FieldResolver<JsonNode> {

    /** Reads JSON numbers as exact decimals, as the job loader does. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    @Override
    public FieldAccessor<JsonNode> accessor(FieldRef field) {
        return customer -> convert(field.type(), customer.get(field.path()));
    }

    static Object convert(FieldType type, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString() && value.stringValue().isEmpty()) {
            return "";
        }
        return switch (type) {
            case STRING -> value.isString() ? value.stringValue() : value.asString();
            case NUMBER -> value.isNumber() ? value.decimalValue() : new BigDecimal(value.stringValue());
            case BOOLEAN -> value.isBoolean() ? value.booleanValue() : value.stringValue();
            case DATE -> LocalDate.parse(value.stringValue());
            case DATETIME -> OffsetDateTime.parse(value.stringValue()).toInstant();
            case ARRAY, UNTYPED -> untyped(value);
        };
    }

    /** The JSON value as String, BigDecimal, Boolean or List of those. */
    static Object untyped(JsonNode value) {
        if (value.isArray()) {
            List<Object> elements = new ArrayList<>();
            value.forEach(element -> elements.add(untyped(element)));
            return elements;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNull()) {
            return null;
        }
        return value.stringValue();
    }
}
