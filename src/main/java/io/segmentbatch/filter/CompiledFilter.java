package io.segmentbatch.filter;

/** A filter compiled for one run: constants parsed and accessors resolved, ready to test millions of records. */
@FunctionalInterface
public interface CompiledFilter<T> {
    boolean matches(T record);
}
