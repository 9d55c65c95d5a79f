package io.segmentbatch.filter;

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
