package io.segmentbatch.filter;

/** {@code $is} on booleans; a record's {@code "true"}/{@code "false"} text counts as the boolean. */
final class BooleanTests {

    private BooleanTests() {
    }

    static ValueTest compile(Condition condition) {
        if (condition.operator() != Operator.IS) {
            throw ConditionCompiler.unsupported(condition, "boolean");
        }
        boolean expected = condition.value(Boolean.class);
        String text = Boolean.toString(expected);
        return value -> value instanceof Boolean bool ? bool == expected
                : value instanceof String string && string.strip().equalsIgnoreCase(text);
    }
}
