package io.segmentbatch.filter;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Date operators on dates and date-times. A date-time counts as its day in the run's time zone, except
 * where {@code $is}, {@code $after} or {@code $before} compare it with an instant.
 */
final class DatePredicates {

    private DatePredicates() {}

    static ValueTest compile(FieldRef field, Condition condition, DateContext dates) {
        Operator operator = condition.operator();
        LocalDays days = dates.days();
        long today = dates.todayDay();
        return switch (operator) {
            case IS, AFTER, BEFORE -> compare(operator, condition.values().get(0), field.type(), days);
            case MORE_THAN, MORE_THAN_AGO -> new DayRange(days, DayRange.UNBOUNDED_BEFORE, today - n(condition) - 1);
            case MORE_THAN_EQUAL -> new DayRange(days, DayRange.UNBOUNDED_BEFORE, today - n(condition));
            case LESS_THAN, LESS_THAN_AGO -> new DayRange(days, today - n(condition) + 1, today);
            case LESS_THAN_EQUAL -> new DayRange(days, today - n(condition), today);
            case IS_DAYS_AGO -> new DayRange(days, today - n(condition), today - n(condition));
            case MORE_THAN_FUTURE -> new DayRange(days, today + n(condition) + 1, DayRange.UNBOUNDED_AFTER);
            case LESS_THAN_FUTURE -> new DayRange(days, today, today + n(condition) - 1);
            case IS_DAYS_IN_FUTURE -> new DayRange(days, today + n(condition), today + n(condition));
            case IS_YEARS_AGO -> DayRange.of(days, DateRange.day(dates.today().minusYears(n(condition))));
            case TODAY,
                    YESTERDAY,
                    TOMORROW,
                    THIS_WEEK,
                    LAST_WEEK,
                    NEXT_WEEK,
                    THIS_MONTH,
                    LAST_MONTH,
                    NEXT_MONTH,
                    THIS_YEAR,
                    LAST_YEAR,
                    NEXT_YEAR ->
                Fields.BIRTHDATE.equals(field.path())
                        ? Anniversaries.inPeriod(dates.period(operator), days)
                        : DayRange.of(days, dates.period(operator));
            case IS_DAY, IS_DAY_OF_MONTH, IS_MONTH, IS_YEAR -> DateParts.compile(condition, days);
            case TODAY_MD,
                    YESTERDAY_MD,
                    TOMORROW_MD,
                    THIS_WEEK_MD,
                    LAST_WEEK_MD,
                    NEXT_WEEK_MD,
                    THIS_MONTH_MD,
                    LAST_MONTH_MD,
                    NEXT_MONTH_MD,
                    IS_DAYS_AGO_MD,
                    IS_LESS_DAYS_AGO_MD,
                    IS_MORE_DAYS_AGO_MD,
                    IS_DAYS_IN_FUTURE_MD,
                    IS_LESS_DAYS_IN_FUTURE_MD,
                    IS_MORE_DAYS_IN_FUTURE_MD -> Anniversaries.compile(condition, dates);
            case HAS_VALUE,
                    IS_UNKNOWN,
                    IS_NOT,
                    IN,
                    NOT_IN,
                    CONTAINS,
                    NOT_CONTAIN,
                    STARTS_WITH,
                    ENDS_WITH,
                    INTERSECTS,
                    INCLUDES,
                    COUNT,
                    COUNT_MORE,
                    COUNT_LESS -> throw ConditionCompiler.unsupported(condition, "date");
        };
    }

    private static long n(Condition condition) {
        return condition.value(Integer.class);
    }

    /**
     * {@code $is}, {@code $after}, {@code $before}: a date value compares days; an instant value compares
     * instants with date-times, and its day (in the run's zone) with dates.
     */
    private static ValueTest compare(Operator operator, Object constant, FieldType type, LocalDays days) {
        long day = constant instanceof Instant instant ? days.ofInstant(instant) : ((LocalDate) constant).toEpochDay();
        DayRange byDay = switch (operator) {
            case IS -> new DayRange(days, day, day);
            case AFTER -> new DayRange(days, day + 1, DayRange.UNBOUNDED_AFTER);
            default -> new DayRange(days, DayRange.UNBOUNDED_BEFORE, day - 1);
        };
        if (!(constant instanceof Instant instant) || type == FieldType.DATE) {
            return byDay;
        }
        return switch (operator) {
            case IS ->
                value -> {
                    Instant other = LocalDays.instantOf(value);
                    return other != null ? other.equals(instant) : byDay.test(value);
                };
            case AFTER ->
                value -> {
                    Instant other = LocalDays.instantOf(value);
                    return other != null ? other.isAfter(instant) : byDay.test(value);
                };
            default ->
                value -> {
                    Instant other = LocalDays.instantOf(value);
                    return other != null ? other.isBefore(instant) : byDay.test(value);
                };
        };
    }
}
