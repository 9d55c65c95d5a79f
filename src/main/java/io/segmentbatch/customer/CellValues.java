package io.segmentbatch.customer;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Parsing of typed cells; each method throws {@link IllegalArgumentException} saying what was expected. */
final class CellValues {
    private CellValues() {}

    /** An integer cell (a count, points): digits with an optional minus sign. */
    static BigDecimal integer(String text) {
        BigDecimal number;
        try {
            number = number(text);
        } catch (IllegalArgumentException e) {
            // number's hint shows a decimal, which this cell would refuse next
            throw new IllegalArgumentException("'" + text + "' is not a whole number (expected digits, like 3 or -12)");
        }
        if (number.scale() > 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a whole number (expected digits with no decimal part, like 3 or -12)");
        }
        return number;
    }

    /** An optional minus sign, digits, and an optional decimal part with a dot. */
    static BigDecimal number(String text) {
        boolean negative = text.charAt(0) == '-';
        int i = negative ? 1 : 0;
        int digits = 0;
        int dotAt = -1;
        long unscaled = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                unscaled = unscaled * 10 + (c - '0');
            } else if (c == '.' && dotAt < 0 && digits > 0 && i < text.length() - 1) {
                dotAt = i;
            } else {
                digits = 0;
                break;
            }
        }
        if (digits == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a number (expected digits, like 12500 or -3.75)");
        }
        if (digits > 18) {
            return new BigDecimal(text);
        }
        // the same value and scale as new BigDecimal(text), without parsing the text again (JFR: the constructor was
        // 6% of evaluation on the 1M bench, whose metadata holds a number in most rows)
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, dotAt < 0 ? 0 : text.length() - dotAt - 1);
    }

    static LocalDate date(String text) {
        try {
            // YYYY-MM-DD only: ISO 8601's expanded years (+10000-01-01), which LocalDate.parse takes, are not dates of
            // the export
            if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
                return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
            }
            throw new DateTimeException("not YYYY-MM-DD");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    /** An ISO 8601 instant with {@code Z} or an offset, or a plain date (start of that day in {@code zone}). */
    static Instant dateTime(String text, ZoneId zone) {
        try {
            if (text.length() == 10) {
                return date(text).atStartOfDay(zone).toInstant();
            }
            Instant utc = utcInstant(text);
            return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a date-time (expected ISO 8601, like 2022-02-03T13:10:11.928Z)");
        }
    }

    /**
     * The usual export form, {@code 2022-02-03T13:10:11.928Z} (any number of fraction digits, or none), read
     * without a formatter: the formatter costs more than the rest of a row. Null for any other form.
     */
    static @Nullable Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length > 30 || length == 21) {
                return null;
            }
            for (int i = 20; i < length - 1; i++) {
                nanos = nanos * 10 + digit(text, i);
            }
            for (int i = length - 1; i < 29; i++) {
                nanos *= 10;
            }
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("time out of range");
        }
        long day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10))
                .toEpochDay();
        return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + digit(text, i);
        }
        return value;
    }

    private static int digit(String text, int index) {
        char c = text.charAt(index);
        if (c < '0' || c > '9') {
            throw new DateTimeException("not a digit");
        }
        return c - '0';
    }

    static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("'" + text + "' is not a boolean (expected true or false)");
    }
}
