package io.segmentbatch.job;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code as_of} of a run ("now" for relative-date filters), as given on the command line ({@code --as-of}) or
 * over REST: an ISO 8601 instant from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z. Instants outside
 * that range parse in Java but break date arithmetic and the databases' timestamp types, so they are refused.
 */
public final class AsOf {
    public static final Instant MIN = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private AsOf() {}

    /** The instant; an {@link IllegalArgumentException} says why the text is not one in range. */
    public static Instant parse(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an ISO 8601 instant such as 2026-11-28T00:00:00Z");
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("'" + text + "' is outside the years 1900 to 9999 that as_of accepts");
        }
        return instant;
    }
}
