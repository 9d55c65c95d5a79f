package io.segmentbatch.filter;

import java.util.List;

/**
 * Operators on metadata of undeclared type, whose values are typed per record by their JSON type:
 * a string, a number, a boolean or an array. Each operator picks the reading it needs; a value that has no
 * such reading (a word for {@code $more_than}, an array for {@code $starts_with}) does not match.
 */
final class UntypedPredicates {

    private UntypedPredicates() {}

    static ValueTest compile(FieldRef field, Condition condition, DateContext dates) {
        return switch (condition.operator()) {
            case IS -> new ScalarSet(condition.values(Scalar.class));
            case IN -> {
                ScalarSet scalars = new ScalarSet(condition.values(Scalar.class));
                ValueTest arrays = ArrayPredicates.compile(condition);
                yield value -> value instanceof List<?> ? arrays.test(value) : scalars.test(value);
            }
            case CONTAINS -> {
                String part = condition.value(Scalar.class).text();
                ValueTest arrays = ArrayPredicates.compile(condition);
                yield value -> value instanceof String text ? TextCase.containsLower(text, part) : arrays.test(value);
            }
            case STARTS_WITH, ENDS_WITH -> TextPredicates.compile(condition);
            case MORE_THAN, MORE_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL -> NumberPredicates.compile(condition);
            case INTERSECTS, INCLUDES, COUNT, COUNT_MORE, COUNT_LESS -> ArrayPredicates.compile(condition);
            case AFTER,
                    BEFORE,
                    MORE_THAN_AGO,
                    LESS_THAN_AGO,
                    IS_DAYS_AGO,
                    MORE_THAN_FUTURE,
                    LESS_THAN_FUTURE,
                    IS_DAYS_IN_FUTURE,
                    TODAY,
                    YESTERDAY,
                    TOMORROW,
                    THIS_WEEK,
                    LAST_WEEK,
                    NEXT_WEEK,
                    THIS_MONTH,
                    LAST_MONTH,
                    NEXT_MONTH,
                    THIS_YEAR,
                    LAST_YEAR,
                    NEXT_YEAR,
                    IS_DAY,
                    IS_DAY_OF_MONTH,
                    IS_MONTH,
                    IS_YEAR,
                    IS_YEARS_AGO,
                    TODAY_MD,
                    YESTERDAY_MD,
                    TOMORROW_MD,
                    THIS_WEEK_MD,
                    LAST_WEEK_MD,
                    NEXT_WEEK_MD,
                    THIS_MONTH_MD,
                    LAST_MONTH_MD,
                    NEXT_MONTH_MD,
                    IS_DAYS_AGO_MD,
                    IS_LESS_DAYS_AGO_MD,
                    IS_MORE_DAYS_AGO_MD,
                    IS_DAYS_IN_FUTURE_MD,
                    IS_LESS_DAYS_IN_FUTURE_MD,
                    IS_MORE_DAYS_IN_FUTURE_MD -> DatePredicates.compile(field, condition, dates);
            case HAS_VALUE, IS_UNKNOWN, IS_NOT, NOT_IN, NOT_CONTAIN ->
                throw ConditionCompiler.unsupported(condition, "untyped");
        };
    }
}
