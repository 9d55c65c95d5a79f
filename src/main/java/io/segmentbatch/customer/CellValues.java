package io.segmentbatch.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Parsing of typed cells; each method throws {@link IllegalArgumentException} saying what was expected. */
final class CellValues {
    private CellValues() {
    }

    /** An optional minus sign, digits, and an optional decimal part with a dot. */
    static BigDecimal number(String text) {
        int i = text.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        boolean dot = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot && digits > 0 && i < text.length() - 1) {
                dot = true;
            } else {
                digits = 0;
                break;
            }
        }
        if (digits == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a number (expected digits, like 12500 or -3.75)");
        }
        return new BigDecimal(text);
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    /** An ISO 8601 instant with {@code Z} or an offset, or a plain date (start of that day in {@code zone}). */
    static Instant dateTime(String text, ZoneId zone) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date-time (expected ISO 8601, like 2022-02-03T13:10:11.928Z)");
        }
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
