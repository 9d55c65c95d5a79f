package io.segmentbatch.sample;

import org.jspecify.annotations.Nullable;

/**
 * The text of generated CSV rows: cells separated by commas, quoted as RFC 4180 says only when
 * they hold a comma, a quote or a line break, rows ended by {@code \n}. Dates and instants are
 * written digit by digit, because {@code DateTimeFormatter} and {@code String.format} cost more
 * per row than everything else the generator does.
 */
final class GeneratorCsv {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final StringBuilder text = new StringBuilder(1 << 17);
    private boolean rowStarted;

    StringBuilder text() {
        return text;
    }

    /** Starts the next cell: a separator unless it is the row's first. */
    StringBuilder cell() {
        if (rowStarted) {
            text.append(',');
        }
        rowStarted = true;
        return text;
    }

    void empty() {
        cell();
    }

    /** A text cell, quoted when it has to be; {@code null} is an empty cell. */
    void text(@Nullable String value) {
        StringBuilder out = cell();
        if (value == null) {
            return;
        }
        if (!needsQuotes(value)) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    void number(long value) {
        cell().append(value);
    }

    /** {@code 2022-02-03T13:10:11.928Z}. */
    void instant(long epochMillis) {
        StringBuilder out = cell();
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        appendDate(out, day);
        out.append('T');
        two(out, millisOfDay / 3_600_000);
        out.append(':');
        two(out, millisOfDay / 60_000 % 60);
        out.append(':');
        two(out, millisOfDay / 1000 % 60);
        out.append('.');
        int millis = millisOfDay % 1000;
        out.append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
        out.append('Z');
    }

    /** {@code 1987-02-28}. */
    void date(long epochDay) {
        appendDate(cell(), epochDay);
    }

    void endRow() {
        text.append('\n');
        rowStarted = false;
    }

    static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Proleptic Gregorian date of an epoch day (H. Hinnant's civil_from_days), years 0-9999. */
    static void appendDate(StringBuilder out, long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        two(out, year / 100);
        two(out, year % 100);
        out.append('-');
        two(out, month);
        out.append('-');
        two(out, day);
    }

    private static void two(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
