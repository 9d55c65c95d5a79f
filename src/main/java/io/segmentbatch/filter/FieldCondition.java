package io.segmentbatch.filter;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The conditions on one field, combined with AND whatever the group's junction (a range).
 *
 * @param field      the canonical field
 * @param conditions at least one condition
 */
record FieldCondition(FieldRef field, List<Condition> conditions) implements Node {

    FieldCondition {
        Objects.requireNonNull(field, "field");
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a field needs at least one condition");
        }
    }

    @Override
    public <T> CompiledFilter<T> compile(Compilation<T> compilation) {
        FieldAccessor<T> accessor = compilation.accessor(field);
        ValueTest[] present = conditions.stream()
                .map(condition -> ConditionCompiler.compilePresent(field, condition, compilation.dates()))
                .toArray(ValueTest[]::new);
        if (Arrays.stream(present).allMatch(Objects::nonNull)) {
            // conditions that are all false on a missing value: the field's value is checked here once, where a
            // wrapper around each condition's test cost a call through an interface each, one the JIT cannot inline
            // with a hundred filters (itable stubs were 10% of evaluating on the 1M bench; async-profiler)
            ValueTest test = Combinations.allOf(present);
            return record -> {
                Object value = accessor.get(record);
                return !Missing.is(value) && test.test(value);
            };
        }
        ValueTest test = Combinations.allOf(conditions.stream()
                .map(condition -> ConditionCompiler.compile(field, condition, compilation.dates()))
                .toArray(ValueTest[]::new));
        return record -> test.test(accessor.get(record));
    }

    @Override
    public void collectFields(Set<FieldRef> fields) {
        fields.add(field);
    }
}
