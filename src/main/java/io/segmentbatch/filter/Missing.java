package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.util.Collection;

/** "Missing" as {@code jobs/README.md} defines it ("Missing values"): no value, an empty string, or an empty array. */
final class Missing {

    private Missing() {}

    static boolean is(@Nullable Object value) {
        if (value == null) {
            return true;
        }
        // the usual values first, by exact class: an interface test (Collection) on each of them cost more than the
        // comparison it guards (JFR, 100 filters over 1M customers)
        Class<?> type = value.getClass();
        if (type == String.class) {
            return ((String) value).isEmpty();
        }
        if (type == java.math.BigDecimal.class
                || type == java.time.Instant.class
                || type == java.time.LocalDate.class
                || type == Boolean.class) {
            return false;
        }
        return value instanceof Collection<?> list && list.isEmpty();
    }
}
