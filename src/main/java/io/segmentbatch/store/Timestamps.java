package io.segmentbatch.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times as the store keeps them: UTC with milliseconds, as Voucherify shows them. */
public final class Timestamps {
    private Timestamps() {
    }

    public static OffsetDateTime of(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
