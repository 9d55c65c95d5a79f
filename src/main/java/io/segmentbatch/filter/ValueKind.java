package io.segmentbatch.filter;

/** What the values of one operator on one field type must be, and what they are parsed into. */
enum ValueKind {
    /** The value is ignored. */
    NONE("nothing"),
    /** A non-empty string or a number, lower-cased: {@code String}. */
    TEXT("a non-empty string"),
    /** A number or numeric string: {@code BigDecimal}. */
    NUMBER("a number (100 or \"100\")"),
    /** {@code true}/{@code false} or the strings {@code "true"}/{@code "false"}: {@code Boolean}. */
    BOOLEAN("true or false"),
    /** An ISO 8601 date or instant: {@code LocalDate} or {@code Instant}. */
    TEMPORAL("an ISO 8601 date (\"2024-05-01\") or instant with offset (\"2024-05-01T10:00:00Z\")"),
    /** {@code Integer}. */
    DAYS("a whole number of days, 0 or more", 0, 1_000_000),
    /** {@code Integer}. */
    YEARS("a whole number of years, 0 to 9999", 0, 9999),
    /** {@code Integer}. */
    COUNT("a whole number of elements, 0 or more", 0, Integer.MAX_VALUE),
    /** {@code Integer}. */
    DAY_OF_WEEK("a day of the week, 0 (Sunday) to 6 (Saturday)", 0, 6),
    /** {@code Integer}. */
    DAY_OF_MONTH("a day of the month, 1 to 31", 1, 31),
    /** {@code Integer}. */
    MONTH("a month, 1 to 12", 1, 12),
    /** {@code Integer}. */
    YEAR("a four-digit year", 1000, 9999),
    /** A non-empty string, a number or a boolean: {@link Scalar}. */
    SCALAR("a non-empty string, a number or a boolean"),
    /** An array element to look for, a non-empty string or a number: {@link Scalar}. */
    ELEMENT("a non-empty string or a number");

    private final String expected;
    private final int min;
    private final int max;

    ValueKind(String expected) {
        this(expected, 0, 0);
    }

    ValueKind(String expected, int min, int max) {
        this.expected = expected;
        this.min = min;
        this.max = max;
    }

    String expected() {
        return expected;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /**
     * The kind of values {@code operator} takes on a field of {@code type} (which takes the operator). The switch
     * names every operator, so that a new one does not compile until it is given its kind.
     */
    static ValueKind of(Operator operator, FieldType type) {
        return switch (operator) {
            case IS, IS_NOT ->
                switch (type) {
                    case NUMBER -> NUMBER;
                    case BOOLEAN -> BOOLEAN;
                    case DATE, DATETIME -> TEMPORAL;
                    case UNTYPED -> SCALAR;
                    case STRING, ARRAY -> TEXT;
                };
            case IN, NOT_IN, CONTAINS, NOT_CONTAIN ->
                switch (type) {
                    case NUMBER -> NUMBER;
                    case ARRAY -> ELEMENT;
                    case UNTYPED -> SCALAR;
                    case STRING, BOOLEAN, DATE, DATETIME -> TEXT;
                };
            case STARTS_WITH, ENDS_WITH -> TEXT;
            case MORE_THAN, MORE_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL ->
                type == FieldType.DATE || type == FieldType.DATETIME ? DAYS : NUMBER;
            case AFTER, BEFORE -> TEMPORAL;
            case MORE_THAN_AGO,
                    LESS_THAN_AGO,
                    IS_DAYS_AGO,
                    MORE_THAN_FUTURE,
                    LESS_THAN_FUTURE,
                    IS_DAYS_IN_FUTURE,
                    IS_DAYS_AGO_MD,
                    IS_LESS_DAYS_AGO_MD,
                    IS_MORE_DAYS_AGO_MD,
                    IS_DAYS_IN_FUTURE_MD,
                    IS_LESS_DAYS_IN_FUTURE_MD,
                    IS_MORE_DAYS_IN_FUTURE_MD -> DAYS;
            case IS_YEARS_AGO -> YEARS;
            case IS_DAY -> DAY_OF_WEEK;
            case IS_DAY_OF_MONTH -> DAY_OF_MONTH;
            case IS_MONTH -> MONTH;
            case IS_YEAR -> YEAR;
            case INTERSECTS, INCLUDES -> type == FieldType.UNTYPED ? SCALAR : ELEMENT;
            case COUNT, COUNT_MORE, COUNT_LESS -> COUNT;
            case HAS_VALUE,
                    IS_UNKNOWN,
                    TODAY,
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
                    NEXT_YEAR,
                    TODAY_MD,
                    YESTERDAY_MD,
                    TOMORROW_MD,
                    THIS_WEEK_MD,
                    LAST_WEEK_MD,
                    NEXT_WEEK_MD,
                    THIS_MONTH_MD,
                    LAST_MONTH_MD,
                    NEXT_MONTH_MD -> NONE;
        };
    }
}
