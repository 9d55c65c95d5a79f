package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the values of one operator ({@code jobs/README.md}, "Values"): a bare scalar or an array, checked against the operator's
 * arity and parsed into the constants of its {@link ValueKind}. Errors name the operator, or the element.
 */
final class ValueParser {

    private ValueParser() {}

    /** The parsed constants, or {@code null} after appending errors. */
    static @Nullable List<Object> parse(
            Operator operator, ValueKind kind, JsonNode node, String path, List<FilterError> errors) {
        if (operator.arity() == Operator.Arity.IGNORED) {
            if (!isIgnorable(node)) {
                errors.add(new FilterError(
                        path,
                        "the value of " + operator + " is ignored: expected true, [true], \"\" " + "or [], got "
                                + JsonKinds.describe(node)));
                return null;
            }
            return List.of();
        }
        if (node.isObject() || node.isNull()) {
            errors.add(new FilterError(
                    path, "expected " + kind.expected() + " or an array of them, got " + JsonKinds.describe(node)));
            return null;
        }
        List<JsonNode> items = node.isArray() ? node.valueStream().toList() : List.of(node);
        if (!hasRightCount(operator, items.size(), path, errors)) {
            return null;
        }
        List<Object> values = new ArrayList<>(items.size());
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node.isArray() ? JsonPath.index(path, i) : path;
            try {
                values.add(parseOne(kind, items.get(i)));
            } catch (BadValue e) {
                errors.add(new FilterError(itemPath, String.valueOf(e.getMessage())));
                ok = false;
            }
        }
        return ok ? List.copyOf(values) : null;
    }

    private static boolean hasRightCount(Operator operator, int count, String path, List<FilterError> errors) {
        if (count == 0) {
            String expected = operator.arity() == Operator.Arity.ONE ? "exactly one value" : "one or more values";
            errors.add(new FilterError(path, operator + " expects " + expected + ", got an empty array"));
            return false;
        }
        if (count > 1 && operator.arity() == Operator.Arity.ONE) {
            String hint = operator == Operator.IS
                    ? " (use $in for any of several values)"
                    : operator == Operator.IS_NOT ? " (use $not_in for none of several values)" : "";
            errors.add(new FilterError(path, operator + " expects exactly one value, got " + count + hint));
            return false;
        }
        return true;
    }

    private static boolean isIgnorable(JsonNode node) {
        if (node.isArray()) {
            return node.isEmpty() || (node.size() == 1 && isIgnorableScalar(node.get(0)));
        }
        return node.isNull() || isIgnorableScalar(node);
    }

    private static boolean isIgnorableScalar(JsonNode node) {
        return (node.isBoolean() && node.booleanValue())
                || (node.isString()
                        && (node.stringValue().isEmpty() || node.stringValue().equals("true")));
    }

    private static Object parseOne(ValueKind kind, JsonNode node) {
        return switch (kind) {
            case TEXT -> TextCase.lower(text(kind, node));
            case NUMBER -> number(kind, node);
            case BOOLEAN -> bool(kind, node);
            case TEMPORAL -> temporal(kind, node);
            case SCALAR, ELEMENT -> scalar(kind, node);
            case DAYS, YEARS, COUNT, DAY_OF_WEEK, DAY_OF_MONTH, MONTH, YEAR -> whole(kind, node);
            case NONE -> throw new IllegalStateException("no values to parse for " + kind);
        };
    }

    private static String text(ValueKind kind, JsonNode node) {
        if (node.isNumber()) {
            return writable(kind, node).toPlainString();
        }
        if (!node.isString() || node.stringValue().isEmpty()) {
            throw expected(kind, node, node.isString() ? " (use $has_value or $is_unknown to test for presence)" : "");
        }
        return node.stringValue();
    }

    /**
     * The most digits a JSON number may take written out where it is also compared as text (a text field's value, an
     * untyped or array element's): {@code 1e999999999} is a valid JSON number of eleven characters and a billion
     * digits. 1,000 is Jackson's own limit on a number's length in JSON; a customer's JSON number beyond a double's
     * range (about 309 digits) rejects its row, so no customer has a value such a number could match.
     */
    static final int MAX_WRITTEN_OUT_DIGITS = 1000;

    private static BigDecimal writable(ValueKind kind, JsonNode node) {
        BigDecimal number = node.decimalValue();
        long precision = number.precision();
        long scale = number.scale();
        long digits = scale <= 0 ? precision - scale : Math.max(precision, scale + 1);
        if (digits > MAX_WRITTEN_OUT_DIGITS) {
            throw expected(
                    kind,
                    node,
                    ", a number of " + digits + " digits written out (at most " + MAX_WRITTEN_OUT_DIGITS + ")");
        }
        return number;
    }

    private static BigDecimal number(ValueKind kind, JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        BigDecimal number = node.isString() ? Decimals.parse(node.stringValue()) : null;
        if (number == null) {
            throw expected(kind, node, "");
        }
        return number;
    }

    private static Boolean bool(ValueKind kind, JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()
                && (node.stringValue().equals("true") || node.stringValue().equals("false"))) {
            return Boolean.valueOf(node.stringValue());
        }
        throw expected(kind, node, "");
    }

    private static Object temporal(ValueKind kind, JsonNode node) {
        Object value = node.isString() ? DateText.parse(node.stringValue()) : null;
        if (value == null) {
            throw expected(kind, node, "");
        }
        return value;
    }

    private static Scalar scalar(ValueKind kind, JsonNode node) {
        if (node.isNumber()) {
            return Scalar.ofNumber(writable(kind, node));
        }
        if (node.isBoolean() && kind == ValueKind.SCALAR) {
            return Scalar.ofBoolean(node.booleanValue());
        }
        if (node.isString() && !node.stringValue().isEmpty()) {
            return Scalar.ofText(node.stringValue());
        }
        throw expected(kind, node, "");
    }

    private static Integer whole(ValueKind kind, JsonNode node) {
        BigDecimal number =
                node.isNumber() ? node.decimalValue() : node.isString() ? Decimals.parse(node.stringValue()) : null;
        if (number == null
                || number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(kind.min())) < 0
                || number.compareTo(BigDecimal.valueOf(kind.max())) > 0) {
            throw expected(kind, node, "");
        }
        return number.intValueExact();
    }

    private static BadValue expected(ValueKind kind, JsonNode node, String hint) {
        return new BadValue("expected " + kind.expected() + ", got " + JsonKinds.describe(node) + hint);
    }

    /** A value that is not of the kind its operator takes; becomes a {@link FilterError} at the value's path. */
    private static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
