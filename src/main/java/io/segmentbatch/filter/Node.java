package io.segmentbatch.filter;

import java.util.Set;

/** A node of a parsed filter: a group of nodes, or the conditions on one field. */
sealed interface Node permits Group, FieldCondition {

    <T> CompiledFilter<T> compile(Compilation<T> compilation);

    void collectFields(Set<FieldRef> fields);
}
