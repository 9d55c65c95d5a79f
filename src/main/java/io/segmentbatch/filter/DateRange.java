package io.segmentbatch.filter;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A calendar period of the run, both ends included.
 *
 * @param first the first day
 * @param last  the last day, not before {@code first}
 */
record DateRange(LocalDate first, LocalDate last) {

    DateRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("period ends before it starts: " + first + " to " + last);
        }
    }

    static DateRange day(LocalDate day) {
        return new DateRange(day, day);
    }
}
