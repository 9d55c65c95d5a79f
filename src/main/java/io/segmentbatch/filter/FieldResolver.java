package io.segmentbatch.filter;

/** Gives the accessor of a field for records of type {@code T}; called when a filter is compiled, never per row. */
@FunctionalInterface
public interface FieldResolver<T> {
    FieldAccessor<T> accessor(FieldRef field);
}
