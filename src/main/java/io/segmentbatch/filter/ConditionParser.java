package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one field of a filter object: {@code "address.city": {"conditions": {"$in": ["Berlin"]}}}. It
 * resolves the field, checks that its type takes every operator, and parses the operators' values.
 */
final class ConditionParser {

    private static final String CONDITIONS = "conditions";

    private final MetadataSchema schema;

    ConditionParser(MetadataSchema schema) {
        this.schema = schema;
    }

    /** The field's conditions, or empty after appending errors. */
    Optional<FieldCondition> field(String path, JsonNode body, String jsonPath, List<FilterError> errors) {
        int errorsBefore = errors.size();
        Optional<FieldRef> field = Fields.resolve(path, schema);
        if (field.isEmpty()) {
            errors.add(
                    new FilterError(jsonPath, "unknown field \"" + path + "\"; expected one of " + Fields.DESCRIPTION));
        }
        JsonNode operators = conditionsOf(body, jsonPath, errors);
        if (operators == null) {
            return Optional.empty();
        }
        String conditionsPath = JsonPath.key(jsonPath, CONDITIONS);
        List<Condition> parsed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : operators.properties()) {
            String operatorPath = JsonPath.key(conditionsPath, entry.getKey());
            Optional<Operator> operator = operator(entry.getKey(), field, operatorPath, errors);
            if (operator.isPresent() && field.isPresent()) {
                condition(field.get(), operator.get(), entry.getValue(), operatorPath, errors)
                        .ifPresent(parsed::add);
            }
        }
        if (errors.size() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new FieldCondition(field.orElseThrow(), parsed));
    }

    private static @Nullable JsonNode conditionsOf(JsonNode body, String path, List<FilterError> errors) {
        if (!body.isObject()) {
            errors.add(new FilterError(
                    path, "expected {\"conditions\": {\"$operator\": [values]}}, got " + JsonKinds.describe(body)));
            return null;
        }
        for (String key : body.propertyNames()) {
            if (!key.equals(CONDITIONS)) {
                errors.add(new FilterError(
                        JsonPath.key(path, key), "unexpected key \"" + key + "\": a field takes only \"conditions\""));
            }
        }
        JsonNode operators = body.get(CONDITIONS);
        String conditionsPath = JsonPath.key(path, CONDITIONS);
        if (operators == null) {
            errors.add(new FilterError(
                    path, "missing \"conditions\": expected {\"conditions\": {\"$operator\": [values]}}"));
            return null;
        }
        if (!operators.isObject()) {
            errors.add(new FilterError(
                    conditionsPath,
                    "expected an object of operators, e.g. {\"$is\": [\"Berlin\"]}, got "
                            + JsonKinds.describe(operators)));
            return null;
        }
        if (operators.isEmpty()) {
            errors.add(new FilterError(conditionsPath, "expected at least one operator, got an empty object"));
            return null;
        }
        return operators;
    }

    /** The operator named {@code key}, if the field's type (when the field is known) takes it. */
    private static Optional<Operator> operator(
            String key, Optional<FieldRef> field, String path, List<FilterError> errors) {
        Optional<FieldType> type = field.map(FieldRef::type);
        Optional<Operator> operator = Operator.byKey(key);
        if (operator.isEmpty()) {
            String message = ForeignOperators.rejection(key)
                    .orElseGet(() -> "unknown operator \"" + key + "\""
                            + type.map(t -> "; " + typeName(t) + " fields take " + operatorsFor(t))
                                    .orElse(""));
            errors.add(new FilterError(path, message));
        } else if (type.isPresent() && !operator.get().appliesTo(type.get())) {
            String typeName = typeName(type.get());
            errors.add(new FilterError(
                    path,
                    key + " does not apply to " + typeName + " field "
                            + field.get().path() + "; " + typeName + " fields take " + operatorsFor(type.get())));
            return Optional.empty();
        }
        return operator;
    }

    private static Optional<Condition> condition(
            FieldRef field, Operator operator, JsonNode value, String path, List<FilterError> errors) {
        ValueKind kind = ValueKind.of(operator, field.type());
        List<Object> values = ValueParser.parse(operator, kind, value, path, errors);
        return values == null ? Optional.empty() : Optional.of(new Condition(operator, values));
    }

    private static String typeName(FieldType type) {
        return type == FieldType.DATETIME ? "date-time" : MetadataSchema.nameOf(type);
    }

    private static String operatorsFor(FieldType type) {
        return Stream.of(Operator.values())
                .filter(op -> op.appliesTo(type))
                .map(Operator::key)
                .collect(Collectors.joining(", "));
    }
}
