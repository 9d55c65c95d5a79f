package io.segmentbatch.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Times as the store keeps them: UTC with milliseconds, as Voucherify shows them. An instant is cut to the
 * millisecond here, never rounded up by the database, so that a row written "now" is due to a query made in the same
 * millisecond.
 */
public final class Timestamps {
    private Timestamps() {}

    public static OffsetDateTime of(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
