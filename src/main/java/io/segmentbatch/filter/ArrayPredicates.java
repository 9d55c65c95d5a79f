package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Array operators: elements are compared with the values as text ignoring case, or as numbers
 * ({@link ScalarSet}). A value that is not an array matches none of them; a missing one counts 0 elements.
 */
final class ArrayPredicates {

    private ArrayPredicates() {}

    static ValueTest compile(Condition condition) {
        return switch (condition.operator()) {
            case IN, INTERSECTS, CONTAINS -> {
                ScalarSet wanted = new ScalarSet(condition.values(Scalar.class));
                yield value -> value instanceof List<?> elements && anyMatches(elements, wanted);
            }
            case INCLUDES -> {
                ScalarSet[] everyOne = condition.values(Scalar.class).stream()
                        .map(scalar -> new ScalarSet(List.of(scalar)))
                        .toArray(ScalarSet[]::new);
                yield value -> value instanceof List<?> elements && allFound(elements, everyOne);
            }
            case COUNT -> {
                int n = condition.value(Integer.class);
                yield value -> count(value) == n;
            }
            case COUNT_MORE -> {
                int n = condition.value(Integer.class);
                yield value -> count(value) > n;
            }
            case COUNT_LESS -> {
                int n = condition.value(Integer.class);
                yield value -> {
                    int count = count(value);
                    return count >= 0 && count < n;
                };
            }
            case HAS_VALUE,
                    IS_UNKNOWN,
                    IS,
                    IS_NOT,
                    NOT_IN,
                    NOT_CONTAIN,
                    STARTS_WITH,
                    ENDS_WITH,
                    MORE_THAN,
                    MORE_THAN_EQUAL,
                    LESS_THAN,
                    LESS_THAN_EQUAL,
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
                    IS_MORE_DAYS_IN_FUTURE_MD -> throw ConditionCompiler.unsupported(condition, "array");
        };
    }

    /** The number of elements, 0 when missing, -1 when the value is not an array. */
    private static int count(@Nullable Object value) {
        if (Missing.is(value)) {
            return 0;
        }
        return value instanceof List<?> elements ? elements.size() : -1;
    }

    private static boolean anyMatches(List<?> elements, ScalarSet wanted) {
        for (int i = 0, size = elements.size(); i < size; i++) {
            if (wanted.test(elements.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allFound(List<?> elements, ScalarSet[] everyOne) {
        for (ScalarSet one : everyOne) {
            if (!anyMatches(elements, one)) {
                return false;
            }
        }
        return true;
    }
}
