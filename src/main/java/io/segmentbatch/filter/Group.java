package io.segmentbatch.filter;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Field conditions and nested groups combined by one junction.
 *
 * @param junction how the parts combine
 * @param parts    at least one part
 */
record Group(Junction junction, List<Node> parts) implements Node {

    Group {
        Objects.requireNonNull(junction, "junction");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one part");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompiledFilter<T> compile(Compilation<T> compilation) {
        CompiledFilter<T>[] compiled =
                parts.stream().map(part -> part.compile(compilation)).toArray(CompiledFilter[]::new);
        if (compiled.length == 1) {
            return compiled[0];
        }
        return junction == Junction.AND ? Combinations.allOf(compiled) : Combinations.anyOf(compiled);
    }

    @Override
    public void collectFields(Set<FieldRef> fields) {
        parts.forEach(part -> part.collectFields(fields));
    }
}
