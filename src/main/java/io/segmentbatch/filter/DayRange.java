package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * The value's day in the run's time zone lies between two epoch days, both included. Most date operators
 * compile to this: the run's "today" turns {@code $less_than_ago 7} or {@code $this_month} into fixed days.
 */
record DayRange(LocalDays days, long first, long last) implements ValueTest {

    /** An open end. */
    static final long UNBOUNDED_BEFORE = LocalDays.NONE + 1;

    static final long UNBOUNDED_AFTER = Long.MAX_VALUE;

    DayRange {
        Objects.requireNonNull(days, "days");
    }

    static DayRange of(LocalDays days, DateRange range) {
        return new DayRange(days, range.first().toEpochDay(), range.last().toEpochDay());
    }

    @Override
    public boolean test(@Nullable Object value) {
        long day = days.of(value);
        return day != LocalDays.NONE && day >= first && day <= last;
    }
}
