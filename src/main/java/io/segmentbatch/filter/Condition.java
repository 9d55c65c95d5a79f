package io.segmentbatch.filter;

import java.util.List;
import java.util.Objects;

/**
 * One operator with its parsed values, ready to compile for a field.
 *
 * @param operator the operator
 * @param values   constants of the operator's {@link ValueKind}; empty when the operator ignores its value
 */
record Condition(Operator operator, List<Object> values) {

    Condition {
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }

    /** The only value of a one-value operator. */
    <V> V value(Class<V> type) {
        return type.cast(values.get(0));
    }

    <V> List<V> values(Class<V> type) {
        return values.stream().map(type::cast).toList();
    }
}
