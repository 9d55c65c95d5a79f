package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

/** One compiled condition on one field's value (as read by a {@link FieldAccessor}, possibly missing). */
@FunctionalInterface
interface ValueTest {

    boolean test(@Nullable Object value);

    default ValueTest negate() {
        return value -> !test(value);
    }
}
