package io.segmentbatch.filter;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The dates of one run: "today" in the run's time zone and the calendar periods around it.
 *
 * @param today        the date of the run's {@code as_of} in its time zone
 * @param weekStartsOn the first day of a week
 * @param days         turns record values into days in the run's time zone
 */
record DateContext(LocalDate today, DayOfWeek weekStartsOn, LocalDays days) {

    DateContext {
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(weekStartsOn, "weekStartsOn");
        Objects.requireNonNull(days, "days");
    }

    static DateContext of(EvaluationContext context) {
        LocalDate today = LocalDate.ofInstant(context.asOf(), context.zone());
        return new DateContext(today, context.weekStartsOn(), LocalDays.forZone(context.zone()));
    }

    long todayDay() {
        return today.toEpochDay();
    }

    /** The period of a calendar operator ({@code $today} ... {@code $next_year} and their {@code _md} forms). */
    DateRange period(Operator operator) {
        return switch (operator) {
            case TODAY, TODAY_MD -> DateRange.day(today);
            case YESTERDAY, YESTERDAY_MD -> DateRange.day(today.minusDays(1));
            case TOMORROW, TOMORROW_MD -> DateRange.day(today.plusDays(1));
            case THIS_WEEK, THIS_WEEK_MD -> week(0);
            case LAST_WEEK, LAST_WEEK_MD -> week(-1);
            case NEXT_WEEK, NEXT_WEEK_MD -> week(1);
            case THIS_MONTH, THIS_MONTH_MD -> month(0);
            case LAST_MONTH, LAST_MONTH_MD -> month(-1);
            case NEXT_MONTH, NEXT_MONTH_MD -> month(1);
            case THIS_YEAR -> year(0);
            case LAST_YEAR -> year(-1);
            case NEXT_YEAR -> year(1);
            default -> throw new IllegalArgumentException(operator + " is not a calendar period");
        };
    }

    private DateRange week(int offset) {
        LocalDate first =
                today.with(TemporalAdjusters.previousOrSame(weekStartsOn)).plusWeeks(offset);
        return new DateRange(first, first.plusDays(6));
    }

    private DateRange month(int offset) {
        LocalDate first = today.withDayOfMonth(1).plusMonths(offset);
        return new DateRange(first, first.withDayOfMonth(first.lengthOfMonth()));
    }

    private DateRange year(int offset) {
        LocalDate first = today.withDayOfYear(1).plusYears(offset);
        return new DateRange(first, first.withDayOfYear(first.lengthOfYear()));
    }
}
