package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

/**
 * Compiles one condition on one field into a {@link ValueTest}, by the field's type. It applies the rules of
 * {@code jobs/README.md}, "Missing values", once for all families: a negative operator is the exact complement of its
 * positive twin, and every other operator (except presence and counts) is false on a missing value.
 */
final class ConditionCompiler {

    private ConditionCompiler() {}

    static ValueTest compile(FieldRef field, Condition condition, DateContext dates) {
        ValueTest present = compilePresent(field, condition, dates);
        if (present != null) {
            return value -> !Missing.is(value) && present.test(value);
        }
        Operator operator = condition.operator();
        Operator positive = operator.negated();
        if (positive != null) {
            return compile(field, new Condition(positive, condition.values()), dates)
                    .negate();
        }
        if (operator == Operator.HAS_VALUE) {
            return value -> !Missing.is(value);
        }
        if (operator == Operator.IS_UNKNOWN) {
            return Missing::is;
        }
        return typed(field, condition, dates); // a count: a missing array counts 0
    }

    /**
     * The test of a condition that is false on a missing value (every operator but the negative ones, presence and
     * counts) on a value that is there: {@link Missing#is} is for the caller to check first. Null for the other
     * operators, which {@link #compile} takes.
     */
    static @Nullable ValueTest compilePresent(FieldRef field, Condition condition, DateContext dates) {
        Operator operator = condition.operator();
        if (operator.negated() != null
                || operator == Operator.HAS_VALUE
                || operator == Operator.IS_UNKNOWN
                || operator.counts()) {
            return null;
        }
        return typed(field, condition, dates);
    }

    private static ValueTest typed(FieldRef field, Condition condition, DateContext dates) {
        return switch (field.type()) {
            case STRING -> TextPredicates.compile(condition);
            case NUMBER -> NumberPredicates.compile(condition);
            case BOOLEAN -> BooleanPredicates.compile(condition);
            case DATE, DATETIME -> DatePredicates.compile(field, condition, dates);
            case ARRAY -> ArrayPredicates.compile(condition);
            case UNTYPED -> UntypedPredicates.compile(field, condition, dates);
        };
    }

    static IllegalArgumentException unsupported(Condition condition, String family) {
        return new IllegalArgumentException(condition.operator() + " is not a " + family + " operator");
    }
}
