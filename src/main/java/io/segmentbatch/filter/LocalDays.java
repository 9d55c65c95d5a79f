package io.segmentbatch.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/**
 * Turns date and date-time values into the day they fall on in the run's time zone, as epoch days
 * (days since 1970-01-01), so that every date condition is a comparison of two longs.
 */
final class LocalDays {

    /** The day of a value that is not a date. */
    static final long NONE = Long.MIN_VALUE;

    private static final int SECONDS_PER_DAY = 86_400;

    private final ZoneRules rules;
    private final boolean fixedOffset;
    private final int offsetSeconds;

    LocalDays(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset();
        this.offsetSeconds = fixedOffset ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    /** The epoch day of a date, a date-time, or a string that parses as one; {@link #NONE} otherwise. */
    long of(Object value) {
        if (value instanceof Instant instant) {
            return ofInstant(instant);
        }
        if (value instanceof LocalDate date) {
            return date.toEpochDay();
        }
        if (value instanceof String text) {
            Object parsed = DateText.parse(text);
            return parsed == null ? NONE : of(parsed);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return ofInstant(dateTime.toInstant());
        }
        if (value instanceof ZonedDateTime dateTime) {
            return ofInstant(dateTime.toInstant());
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate().toEpochDay();
        }
        return NONE;
    }

    long ofInstant(Instant instant) {
        int offset = fixedOffset ? offsetSeconds : rules.getOffset(instant).getTotalSeconds();
        return Math.floorDiv(instant.getEpochSecond() + offset, SECONDS_PER_DAY);
    }

    /** The instant of a date-time value, or {@code null} for dates and anything else. */
    static Instant instantOf(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof String text) {
            return DateText.parse(text) instanceof Instant instant ? instant : null;
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (value instanceof ZonedDateTime dateTime) {
            return dateTime.toInstant();
        }
        return null;
    }
}
