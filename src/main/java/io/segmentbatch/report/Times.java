package io.segmentbatch.report;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Voucherify's time format: ISO 8601, UTC, with milliseconds ({@code 2022-09-13T08:57:15.801Z}). */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** Null for null: a time the store does not have yet stays out of the JSON. */
    @Contract("null -> null; !null -> !null")
    public static @Nullable String format(@Nullable Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
