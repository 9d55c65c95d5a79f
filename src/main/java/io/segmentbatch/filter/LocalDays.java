package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns date and date-time values into the day they fall on in the run's time zone, as epoch days
 * (days since 1970-01-01), so that every date condition is a comparison of two longs.
 */
final class LocalDays {

    /** The day of a value that is not a date. */
    static final long NONE = Long.MIN_VALUE;

    private static final int SECONDS_PER_DAY = 86_400;

    /** Offsets between these instants come from a table; {@code ZoneRules} is slow for dates after its last rule change. */
    private static final long TABLE_START =
            Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();

    private static final long TABLE_END = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

    private final ZoneRules rules;
    private final int startOffset;
    private final long[] transitions;
    private final int[] offsetsAfter;

    // the table's time cut into buckets of 2^22 s (48.5 days, less than between two changes of a zone's offset but in
    // a few zones): for each, the last transition before it starts, so that a lookup is one step or two where a binary
    // search over the ~300 transitions of a zone with summer time took eight (2.5% of the evaluating threads' CPU on
    // the 1M bench, async-profiler)
    private static final int BUCKET_SHIFT = 22;
    private final int[] lastBeforeBucket;

    // one per time zone, shared: every filter of a run compiles with its zone, and every evaluator compiles its run's
    // filters (a hundred filters on six partitions made 700 tables, and C2 compiled this constructor's loop)
    private static final ConcurrentMap<ZoneId, LocalDays> ZONES = new ConcurrentHashMap<>();

    /** The days of {@code zone}; the table is made once per zone and process. */
    static LocalDays forZone(ZoneId zone) {
        return ZONES.computeIfAbsent(zone, LocalDays::new);
    }

    private LocalDays(ZoneId zone) {
        this.rules = zone.getRules();
        this.startOffset = rules.getOffset(Instant.ofEpochSecond(TABLE_START)).getTotalSeconds();
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(TABLE_START));
        while (next != null && next.toEpochSecond() < TABLE_END) {
            changes.add(next);
            next = rules.nextTransition(next.getInstant());
        }
        this.transitions =
                changes.stream().mapToLong(ZoneOffsetTransition::toEpochSecond).toArray();
        this.offsetsAfter = changes.stream()
                .mapToInt(change -> change.getOffsetAfter().getTotalSeconds())
                .toArray();
        this.lastBeforeBucket = new int[(int) ((TABLE_END - TABLE_START) >>> BUCKET_SHIFT) + 1];
        int last = -1;
        for (int bucket = 0; bucket < lastBeforeBucket.length; bucket++) {
            long start = TABLE_START + ((long) bucket << BUCKET_SHIFT);
            while (last + 1 < transitions.length && transitions[last + 1] <= start) {
                last++;
            }
            lastBeforeBucket[bucket] = last;
        }
    }

    /** The epoch day of a date, a date-time, or a string that parses as one; {@link #NONE} otherwise. */
    long of(@Nullable Object value) {
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
        long seconds = instant.getEpochSecond();
        return Math.floorDiv(seconds + offsetAt(seconds, instant), SECONDS_PER_DAY);
    }

    private int offsetAt(long seconds, Instant instant) {
        if (seconds < TABLE_START || seconds >= TABLE_END) {
            return rules.getOffset(instant).getTotalSeconds();
        }
        int last = lastBeforeBucket[(int) ((seconds - TABLE_START) >>> BUCKET_SHIFT)];
        while (last + 1 < transitions.length && transitions[last + 1] <= seconds) {
            last++;
        }
        return last < 0 ? startOffset : offsetsAfter[last];
    }

    /** The instant of a date-time value, or {@code null} for dates and anything else. */
    static @Nullable Instant instantOf(@Nullable Object value) {
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
