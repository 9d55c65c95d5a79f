package io.segmentbatch.filter;

/** {@code $is} on booleans; a record's {@code "true"}/{@code "false"} text counts as the boolean. */
final class BooleanPredicates {

    private BooleanPredicates() {}

    static ValueTest compile(Condition condition) {
        return switch (condition.operator()) {
            case IS -> is(condition.value(Boolean.class));
            case HAS_VALUE,
                    IS_UNKNOWN,
                    IS_NOT,
                    IN,
                    NOT_IN,
                    CONTAINS,
                    NOT_CONTAIN,
                    STARTS_WITH,
                    ENDS_WITH,
                    MORE_THAN,
                    MORE_THAN_EQUAL,
                    LESS_THAN,
                    LESS_THAN_EQUAL,
                    INTERSECTS,
                    INCLUDES,
                    COUNT,
                    COUNT_MORE,
                    COUNT_LESS,
                    AFTER,
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
                    IS_MORE_DAYS_IN_FUTURE_MD -> throw ConditionCompiler.unsupported(condition, "boolean");
        };
    }

    private static ValueTest is(boolean expected) {
        String text = Boolean.toString(expected);
        return value -> value instanceof Boolean bool
                ? bool == expected
                : value instanceof String string && string.strip().equalsIgnoreCase(text);
    }
}
