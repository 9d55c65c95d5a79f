package io.segmentbatch.filter;

import java.time.LocalDate;
import java.util.List;

/** {@code $is_day}, {@code $is_day_of_month}, {@code $is_month}, {@code $is_year}: a part of the day is one of the values. */
final class DateParts {

    /** 1970-01-01 was a Thursday: day of week (0 = Sunday) of epoch day 0. */
    private static final int EPOCH_DAY_OF_WEEK = 4;

    private DateParts() {}

    static ValueTest compile(Condition condition, LocalDays days) {
        List<Integer> values = condition.values(Integer.class);
        return switch (condition.operator()) {
            case IS_DAY -> {
                long mask = mask(values);
                yield value -> {
                    long day = days.of(value);
                    return day != LocalDays.NONE && (mask & (1L << Math.floorMod(day + EPOCH_DAY_OF_WEEK, 7))) != 0;
                };
            }
            case IS_DAY_OF_MONTH -> {
                long mask = mask(values);
                yield value -> {
                    long day = days.of(value);
                    return day != LocalDays.NONE
                            && (mask & (1L << LocalDate.ofEpochDay(day).getDayOfMonth())) != 0;
                };
            }
            case IS_MONTH -> {
                long mask = mask(values);
                yield value -> {
                    long day = days.of(value);
                    return day != LocalDays.NONE
                            && (mask & (1L << LocalDate.ofEpochDay(day).getMonthValue())) != 0;
                };
            }
            case IS_YEAR -> {
                int[] years = values.stream().mapToInt(Integer::intValue).toArray();
                yield value -> {
                    long day = days.of(value);
                    if (day == LocalDays.NONE) {
                        return false;
                    }
                    int year = LocalDate.ofEpochDay(day).getYear();
                    for (int candidate : years) {
                        if (candidate == year) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            default -> throw ConditionCompiler.unsupported(condition, "date part");
        };
    }

    private static long mask(List<Integer> values) {
        long mask = 0;
        for (int value : values) {
            mask |= 1L << value;
        }
        return mask;
    }
}
