package io.segmentbatch.filter;

/** One compiled condition on one field's value (as read by a {@link FieldAccessor}, possibly missing). */
@FunctionalInterface
interface ValueTest {

    boolean test(Object value);

    default ValueTest negate() {
        return value -> !test(value);
    }
}
