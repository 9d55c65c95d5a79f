package io.segmentbatch.filter;

import java.util.Collection;

/** "Missing" as {@code jobs/README.md} defines it ("Missing values"): no value, an empty string, or an empty array. */
final class Missing {

    private Missing() {
    }

    static boolean is(Object value) {
        return value == null
                || (value instanceof String text && text.isEmpty())
                || (value instanceof Collection<?> list && list.isEmpty());
    }
}
