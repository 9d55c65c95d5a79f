package io.segmentbatch.filter;

import java.math.BigDecimal;

/** Number operators, comparing exact decimals ({@code 100} equals {@code 100.0}); a non-number never matches. */
final class NumberPredicates {

    private NumberPredicates() {}

    static ValueTest compile(Condition condition) {
        return switch (condition.operator()) {
            case IN -> in(condition.values(BigDecimal.class).toArray(BigDecimal[]::new));
            case IS -> {
                BigDecimal bound = condition.value(BigDecimal.class);
                yield value -> {
                    BigDecimal number = Decimals.of(value);
                    return number != null && number.compareTo(bound) == 0;
                };
            }
            case MORE_THAN -> {
                BigDecimal bound = condition.value(BigDecimal.class);
                yield value -> {
                    BigDecimal number = Decimals.of(value);
                    return number != null && number.compareTo(bound) > 0;
                };
            }
            case MORE_THAN_EQUAL -> {
                BigDecimal bound = condition.value(BigDecimal.class);
                yield value -> {
                    BigDecimal number = Decimals.of(value);
                    return number != null && number.compareTo(bound) >= 0;
                };
            }
            case LESS_THAN -> {
                BigDecimal bound = condition.value(BigDecimal.class);
                yield value -> {
                    BigDecimal number = Decimals.of(value);
                    return number != null && number.compareTo(bound) < 0;
                };
            }
            case LESS_THAN_EQUAL -> {
                BigDecimal bound = condition.value(BigDecimal.class);
                yield value -> {
                    BigDecimal number = Decimals.of(value);
                    return number != null && number.compareTo(bound) <= 0;
                };
            }
            case HAS_VALUE,
                    IS_UNKNOWN,
                    IS_NOT,
                    NOT_IN,
                    CONTAINS,
                    NOT_CONTAIN,
                    STARTS_WITH,
                    ENDS_WITH,
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
                    IS_MORE_DAYS_IN_FUTURE_MD -> throw ConditionCompiler.unsupported(condition, "number");
        };
    }

    private static ValueTest in(BigDecimal[] candidates) {
        return value -> {
            BigDecimal number = Decimals.of(value);
            if (number != null) {
                for (BigDecimal candidate : candidates) {
                    if (number.compareTo(candidate) == 0) {
                        return true;
                    }
                }
            }
            return false;
        };
    }
}
