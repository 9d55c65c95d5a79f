package io.segmentbatch.filter;

import java.util.List;
import java.util.Set;

/** Text operators on string values, ignoring letter case; the constants are already lower case. */
final class TextPredicates {

    /** Up to this many {@code $in} values are compared one by one, without lower-casing the record's text. */
    private static final int LINEAR_IN_LIMIT = 8;

    private TextPredicates() {}

    static ValueTest compile(Condition condition) {
        return switch (condition.operator()) {
            case IS -> equalTo(condition.value(String.class));
            case IN -> in(condition.values(String.class));
            case CONTAINS -> {
                String part = condition.value(String.class);
                yield value -> value instanceof String text && TextCase.containsLower(text, part);
            }
            case STARTS_WITH -> {
                String prefix = condition.value(String.class);
                yield value -> value instanceof String text && TextCase.startsWithLower(text, prefix);
            }
            case ENDS_WITH -> {
                String suffix = condition.value(String.class);
                yield value -> value instanceof String text && TextCase.endsWithLower(text, suffix);
            }
            case HAS_VALUE,
                    IS_UNKNOWN,
                    IS_NOT,
                    NOT_IN,
                    NOT_CONTAIN,
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
                    IS_MORE_DAYS_IN_FUTURE_MD -> throw ConditionCompiler.unsupported(condition, "text");
        };
    }

    private static ValueTest equalTo(String lower) {
        return value -> value instanceof String text && TextCase.equalsLower(text, lower);
    }

    private static ValueTest in(List<String> lowers) {
        if (lowers.size() == 1) {
            return equalTo(lowers.get(0));
        }
        if (lowers.size() <= LINEAR_IN_LIMIT) {
            String[] candidates = lowers.toArray(String[]::new);
            return value -> {
                if (!(value instanceof String text)) {
                    return false;
                }
                for (String candidate : candidates) {
                    if (TextCase.equalsLower(text, candidate)) {
                        return true;
                    }
                }
                return false;
            };
        }
        Set<String> set = Set.copyOf(lowers);
        return value -> value instanceof String text && set.contains(TextCase.lower(text));
    }
}
