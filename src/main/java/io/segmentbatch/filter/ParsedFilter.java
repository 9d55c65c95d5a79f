package io.segmentbatch.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A valid filter document as an immutable tree, independent of any run. Compile it once per run
 * ({@link #compile}) to get the predicate that is tested against every record.
 */
public final class ParsedFilter {

    private final Group root;
    private final Set<FieldRef> fields;

    ParsedFilter(Group root) {
        this.root = Objects.requireNonNull(root, "root");
        Set<FieldRef> collected = new LinkedHashSet<>();
        root.collectFields(collected);
        this.fields = Collections.unmodifiableSet(collected);
    }

    /**
     * Compiles the filter for one run: resolves every field's accessor and computes every constant that
     * depends on the run ("today", week and month boundaries, anniversaries) before the first record.
     */
    public <T> CompiledFilter<T> compile(FieldResolver<T> resolver, EvaluationContext context) {
        Objects.requireNonNull(context, "context");
        return root.compile(new Compilation<>(resolver, DateContext.of(context)));
    }

    /** Every field the filter reads, by canonical path, in the order they are written. */
    public Set<FieldRef> fields() {
        return fields;
    }
}
