package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.segmentbatch.filter.FieldType.ARRAY;
import static io.segmentbatch.filter.FieldType.BOOLEAN;
import static io.segmentbatch.filter.FieldType.DATE;
import static io.segmentbatch.filter.FieldType.DATETIME;
import static io.segmentbatch.filter.FieldType.NUMBER;
import static io.segmentbatch.filter.FieldType.STRING;

/**
 * The operators of the filter language ({@code jobs/README.md}, "Operators"), each with the number of values it takes and the field types that take it.
 * Untyped metadata takes every operator.
 */
enum Operator {
    HAS_VALUE("$has_value", Arity.IGNORED, EnumSet.allOf(FieldType.class)),
    IS_UNKNOWN("$is_unknown", Arity.IGNORED, EnumSet.allOf(FieldType.class)),

    IS("$is", Arity.ONE, EnumSet.of(STRING, NUMBER, BOOLEAN, DATE, DATETIME)),
    IS_NOT("$is_not", Arity.ONE, EnumSet.of(STRING, NUMBER, BOOLEAN, DATE, DATETIME)),
    IN("$in", Arity.MANY, EnumSet.of(STRING, NUMBER, ARRAY)),
    NOT_IN("$not_in", Arity.MANY, EnumSet.of(STRING, NUMBER, ARRAY)),
    CONTAINS("$contains", Arity.ONE, EnumSet.of(STRING, ARRAY)),
    NOT_CONTAIN("$not_contain", Arity.ONE, EnumSet.of(STRING, ARRAY)),
    STARTS_WITH("$starts_with", Arity.ONE, EnumSet.of(STRING)),
    ENDS_WITH("$ends_with", Arity.ONE, EnumSet.of(STRING)),

    MORE_THAN("$more_than", Arity.ONE, EnumSet.of(NUMBER, DATE, DATETIME)),
    MORE_THAN_EQUAL("$more_than_equal", Arity.ONE, EnumSet.of(NUMBER, DATE, DATETIME)),
    LESS_THAN("$less_than", Arity.ONE, EnumSet.of(NUMBER, DATE, DATETIME)),
    LESS_THAN_EQUAL("$less_than_equal", Arity.ONE, EnumSet.of(NUMBER, DATE, DATETIME)),

    AFTER("$after", Arity.ONE, Types.DATES),
    BEFORE("$before", Arity.ONE, Types.DATES),
    MORE_THAN_AGO("$more_than_ago", Arity.ONE, Types.DATES),
    LESS_THAN_AGO("$less_than_ago", Arity.ONE, Types.DATES),
    IS_DAYS_AGO("$is_days_ago", Arity.ONE, Types.DATES),
    MORE_THAN_FUTURE("$more_than_future", Arity.ONE, Types.DATES),
    LESS_THAN_FUTURE("$less_than_future", Arity.ONE, Types.DATES),
    IS_DAYS_IN_FUTURE("$is_days_in_future", Arity.ONE, Types.DATES),
    TODAY("$today", Arity.IGNORED, Types.DATES),
    YESTERDAY("$yesterday", Arity.IGNORED, Types.DATES),
    TOMORROW("$tomorrow", Arity.IGNORED, Types.DATES),
    THIS_WEEK("$this_week", Arity.IGNORED, Types.DATES),
    LAST_WEEK("$last_week", Arity.IGNORED, Types.DATES),
    NEXT_WEEK("$next_week", Arity.IGNORED, Types.DATES),
    THIS_MONTH("$this_month", Arity.IGNORED, Types.DATES),
    LAST_MONTH("$last_month", Arity.IGNORED, Types.DATES),
    NEXT_MONTH("$next_month", Arity.IGNORED, Types.DATES),
    THIS_YEAR("$this_year", Arity.IGNORED, Types.DATES),
    LAST_YEAR("$last_year", Arity.IGNORED, Types.DATES),
    NEXT_YEAR("$next_year", Arity.IGNORED, Types.DATES),
    IS_DAY("$is_day", Arity.MANY, Types.DATES),
    IS_DAY_OF_MONTH("$is_day_of_month", Arity.MANY, Types.DATES),
    IS_MONTH("$is_month", Arity.MANY, Types.DATES),
    IS_YEAR("$is_year", Arity.MANY, Types.DATES),
    IS_YEARS_AGO("$is_years_ago", Arity.ONE, Types.DATES),
    TODAY_MD("$today_md", Arity.IGNORED, Types.DATES),
    YESTERDAY_MD("$yesterday_md", Arity.IGNORED, Types.DATES),
    TOMORROW_MD("$tomorrow_md", Arity.IGNORED, Types.DATES),
    THIS_WEEK_MD("$this_week_md", Arity.IGNORED, Types.DATES),
    LAST_WEEK_MD("$last_week_md", Arity.IGNORED, Types.DATES),
    NEXT_WEEK_MD("$next_week_md", Arity.IGNORED, Types.DATES),
    THIS_MONTH_MD("$this_month_md", Arity.IGNORED, Types.DATES),
    LAST_MONTH_MD("$last_month_md", Arity.IGNORED, Types.DATES),
    NEXT_MONTH_MD("$next_month_md", Arity.IGNORED, Types.DATES),
    IS_DAYS_AGO_MD("$is_days_ago_md", Arity.ONE, Types.DATES),
    IS_LESS_DAYS_AGO_MD("$is_less_days_ago_md", Arity.ONE, Types.DATES),
    IS_MORE_DAYS_AGO_MD("$is_more_days_ago_md", Arity.ONE, Types.DATES),
    IS_DAYS_IN_FUTURE_MD("$is_days_in_future_md", Arity.ONE, Types.DATES),
    IS_LESS_DAYS_IN_FUTURE_MD("$is_less_days_in_future_md", Arity.ONE, Types.DATES),
    IS_MORE_DAYS_IN_FUTURE_MD("$is_more_days_in_future_md", Arity.ONE, Types.DATES),

    INTERSECTS("$intersects", Arity.MANY, EnumSet.of(ARRAY)),
    INCLUDES("$includes", Arity.MANY, EnumSet.of(ARRAY)),
    COUNT("$count", Arity.ONE, EnumSet.of(ARRAY)),
    COUNT_MORE("$count_more", Arity.ONE, EnumSet.of(ARRAY)),
    COUNT_LESS("$count_less", Arity.ONE, EnumSet.of(ARRAY));

    /** How many values an operator takes. */
    enum Arity {
        /** Exactly one value. */
        ONE,
        /** One or more values. */
        MANY,
        /** The value is ignored: {@code true}, {@code [true]}, {@code ""} or {@code []}. */
        IGNORED
    }

    private static final Map<String, Operator> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(op -> op.key, Function.identity()));

    private final String key;
    private final Arity arity;
    private final Set<FieldType> types;

    Operator(String key, Arity arity, Set<FieldType> types) {
        this.key = key;
        this.arity = arity;
        this.types = types;
    }

    static Optional<Operator> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    String key() {
        return key;
    }

    Arity arity() {
        return arity;
    }

    boolean appliesTo(FieldType type) {
        return type == FieldType.UNTYPED || types.contains(type);
    }

    /** The operator whose exact complement this one is, or {@code null} for a positive operator. */
    @Nullable
    Operator negated() {
        return switch (this) {
            case IS_NOT -> IS;
            case NOT_IN -> IN;
            case NOT_CONTAIN -> CONTAINS;
            default -> null;
        };
    }

    /** Whether the operator counts array elements, a missing array counting 0 (the only positive operators that decide on a missing value). */
    boolean counts() {
        return this == COUNT || this == COUNT_MORE || this == COUNT_LESS;
    }

    @Override
    public String toString() {
        return key;
    }

    /** Field type sets shared by many operators (enum constants cannot refer to static fields of their own enum). */
    private static final class Types {
        static final Set<FieldType> DATES = EnumSet.of(DATE, DATETIME);
    }
}
