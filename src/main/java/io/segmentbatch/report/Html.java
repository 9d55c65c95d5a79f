package io.segmentbatch.report;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Text for the HTML report: escaping, numbers with thousands separators, durations; names cut to a width (the command line's table too). */
public final class Html {
    private Html() {}

    static String escape(@Nullable String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A name cut to {@code max} characters (code points), with an ellipsis, for places of fixed width. */
    public static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** {@code 41.8 s}, {@code 3 min 12 s}, {@code 1 h 02 min}; empty when either end is unknown. */
    /** The milliseconds between the two times, to sort by; {@code Infinity} while the run goes (no end yet). */
    static String millis(@Nullable String startedAt, @Nullable String finishedAt) {
        if (startedAt == null || finishedAt == null) {
            return "Infinity";
        }
        return Long.toString(Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt))
                .toMillis());
    }

    static String duration(@Nullable String startedAt, @Nullable String finishedAt) {
        if (startedAt == null || finishedAt == null) {
            return "";
        }
        Duration took = Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt));
        long seconds = took.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
