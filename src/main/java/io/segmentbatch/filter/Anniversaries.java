package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.function.IntPredicate;

/**
 * Operators that look only at a date's month and day (the {@code _md} family, and calendar periods on
 * {@code birthdate}). A 29 February counts as 28 February in years without one. Each compiles to a table of
 * the 366 month-days, filled for the run's "today", so that a record costs one lookup.
 */
final class Anniversaries {

    private static final int DAYS_PER_MONTH_SLOT = 32;
    private static final int LEAP_YEAR = 2000;

    private Anniversaries() {}

    static ValueTest compile(Condition condition, DateContext dates) {
        Operator operator = condition.operator();
        return switch (operator) {
            case TODAY_MD,
                    YESTERDAY_MD,
                    TOMORROW_MD,
                    THIS_WEEK_MD,
                    LAST_WEEK_MD,
                    NEXT_WEEK_MD,
                    THIS_MONTH_MD,
                    LAST_MONTH_MD,
                    NEXT_MONTH_MD -> inPeriod(dates.period(operator), dates.days());
            case IS_DAYS_AGO_MD -> daysAgo(dates, ago -> ago == n(condition));
            case IS_LESS_DAYS_AGO_MD -> daysAgo(dates, ago -> ago <= n(condition));
            case IS_MORE_DAYS_AGO_MD -> daysAgo(dates, ago -> ago > n(condition));
            case IS_DAYS_IN_FUTURE_MD -> daysAhead(dates, ahead -> ahead == n(condition));
            case IS_LESS_DAYS_IN_FUTURE_MD -> daysAhead(dates, ahead -> ahead <= n(condition));
            case IS_MORE_DAYS_IN_FUTURE_MD -> daysAhead(dates, ahead -> ahead > n(condition));
            default -> throw ConditionCompiler.unsupported(condition, "anniversary");
        };
    }

    /** The anniversary that falls in the period, in the year of the period's day it falls on. */
    static ValueTest inPeriod(DateRange period, LocalDays days) {
        boolean[] table = new boolean[(12 + 1) * DAYS_PER_MONTH_SLOT];
        for (LocalDate day = period.first(); !day.isAfter(period.last()); day = day.plusDays(1)) {
            table[slot(day.getMonthValue(), day.getDayOfMonth())] = true;
            if (day.getMonth() == Month.FEBRUARY && day.getDayOfMonth() == 28 && !day.isLeapYear()) {
                table[slot(2, 29)] = true;
            }
        }
        return new Lookup(days, table);
    }

    /** The most recent anniversary, today included, was {@code ago} days ago and {@code accept} takes it. */
    private static ValueTest daysAgo(DateContext dates, IntPredicate accept) {
        LocalDate today = dates.today();
        return fill(dates.days(), (month, dayOfMonth) -> {
            LocalDate anniversary = anniversary(month, dayOfMonth, today.getYear());
            if (anniversary.isAfter(today)) {
                anniversary = anniversary(month, dayOfMonth, today.getYear() - 1);
            }
            return accept.test((int) (today.toEpochDay() - anniversary.toEpochDay()));
        });
    }

    /** The next anniversary, today included, is {@code ahead} days ahead and {@code accept} takes it. */
    private static ValueTest daysAhead(DateContext dates, IntPredicate accept) {
        LocalDate today = dates.today();
        return fill(dates.days(), (month, dayOfMonth) -> {
            LocalDate anniversary = anniversary(month, dayOfMonth, today.getYear());
            if (anniversary.isBefore(today)) {
                anniversary = anniversary(month, dayOfMonth, today.getYear() + 1);
            }
            return accept.test((int) (anniversary.toEpochDay() - today.toEpochDay()));
        });
    }

    private static ValueTest fill(LocalDays days, MonthDayPredicate predicate) {
        boolean[] table = new boolean[(12 + 1) * DAYS_PER_MONTH_SLOT];
        for (LocalDate day = LocalDate.of(LEAP_YEAR, 1, 1); day.getYear() == LEAP_YEAR; day = day.plusDays(1)) {
            table[slot(day.getMonthValue(), day.getDayOfMonth())] =
                    predicate.test(day.getMonthValue(), day.getDayOfMonth());
        }
        return new Lookup(days, table);
    }

    private static LocalDate anniversary(int month, int dayOfMonth, int year) {
        if (month == 2 && dayOfMonth == 29 && !Year.isLeap(year)) {
            return LocalDate.of(year, 2, 28);
        }
        return LocalDate.of(year, month, dayOfMonth);
    }

    private static long n(Condition condition) {
        return condition.value(Integer.class);
    }

    private static int slot(int month, int dayOfMonth) {
        return month * DAYS_PER_MONTH_SLOT + dayOfMonth;
    }

    @FunctionalInterface
    private interface MonthDayPredicate {
        boolean test(int month, int dayOfMonth);
    }

    /** The value's month and day are marked in the table. */
    private record Lookup(LocalDays days, boolean[] table) implements ValueTest {
        @Override
        public boolean test(@Nullable Object value) {
            long day = days.of(value);
            if (day == LocalDays.NONE) {
                return false;
            }
            LocalDate date = LocalDate.ofEpochDay(day);
            return table[slot(date.getMonthValue(), date.getDayOfMonth())];
        }
    }
}
