package io.segmentbatch.filter;

import java.util.Set;

/** STUB until the filter language lands: replaced by the filter branch. */
public final class ParsedFilter {
    public <T> CompiledFilter<T> compile(FieldResolver<T> resolver, EvaluationContext context) {
        return record -> true;
    }

    public Set<FieldRef> fields() {
        return Set.of();
    }
}
