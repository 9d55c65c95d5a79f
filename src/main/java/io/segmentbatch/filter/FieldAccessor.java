package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

/**
 * Reads one field's value from a record. Returns {@code null} when the value is missing.
 * Values are {@code String}, {@code java.math.BigDecimal}, {@code Boolean}, {@code java.time.LocalDate},
 * {@code java.time.Instant}, or a {@code java.util.List} of {@code String}/{@code BigDecimal} for arrays.
 * Untyped metadata may be any of these.
 */
@FunctionalInterface
public interface FieldAccessor<T> {
    @Nullable
    Object get(T record);
}
