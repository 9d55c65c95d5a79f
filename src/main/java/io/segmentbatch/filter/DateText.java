package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reads ISO 8601 dates ({@code 2024-05-01}) and instants with an offset ({@code 2024-05-01T10:00:00Z}). */
final class DateText {

    private static final int DATE_LENGTH = 10;

    private DateText() {}

    /** A {@code LocalDate} or an {@code Instant}, or {@code null} when the text is neither. */
    static @Nullable Object parse(String text) {
        if (text.length() < DATE_LENGTH || !looksLikeDate(text)) {
            return null;
        }
        try {
            if (text.length() == DATE_LENGTH) {
                // the digits and dashes are checked: read them without a formatter, which cost more than the rest of
                // a date condition (JFR); an impossible date (02-30) fails as the formatter's would
                return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** {@code dddd-dd-dd...}: a cheap test that spares most non-dates an exception. */
    private static boolean looksLikeDate(String text) {
        for (int i = 0; i < DATE_LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = (i == 4 || i == 7) ? c == '-' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
