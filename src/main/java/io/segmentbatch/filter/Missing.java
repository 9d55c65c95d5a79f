package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.util.Collection;

/** Section 4's "missing": no value, an empty string, or an empty array. */
final class Missing {

    private Missing() {
    }

    static boolean is(@Nullable Object value) {
        return value == null
                || (value instanceof String text && text.isEmpty())
                || (value instanceof Collection<?> list && list.isEmpty());
    }
}
