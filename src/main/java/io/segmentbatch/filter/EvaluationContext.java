package io.segmentbatch.filter;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What "today" means for one run.
 *
 * @param asOf          the run's reference instant
 * @param zone          the run's time zone: date-time fields are turned into dates in it
 * @param weekStartsOn  first day of a week for {@code $this_week} and friends
 */
public record EvaluationContext(Instant asOf, ZoneId zone, DayOfWeek weekStartsOn) {
    public EvaluationContext {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(weekStartsOn, "weekStartsOn");
    }
}
