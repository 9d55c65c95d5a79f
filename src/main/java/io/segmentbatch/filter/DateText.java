package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads ISO 8601 dates ({@code 2024-05-01}) and instants with an offset ({@code 2024-05-01T10:00:00Z}). */
final class DateText {

    private static final int DATE_LENGTH = 10;

    private DateText() {
    }

    /** A {@code LocalDate} or an {@code Instant}, or {@code null} when the text is neither. */
    static @Nullable Object parse(String text) {
        if (text.length() < DATE_LENGTH || !looksLikeDate(text)) {
            return null;
        }
        try {
            if (text.length() == DATE_LENGTH) {
                return LocalDate.parse(text);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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
