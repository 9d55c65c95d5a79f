package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;

/** Reads exact decimals from record values and from numeric strings. */
final class Decimals {

    /** Whole numbers of up to this many characters fit in a {@code long}. */
    private static final int MAX_LONG_DIGITS = 18;

    private Decimals() {}

    /** The value as a decimal: a number, or a string that parses as one; otherwise {@code null}. */
    static @Nullable BigDecimal of(@Nullable Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof String text) {
            return parse(text);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }

    /** The text as a decimal ({@code "100"}, {@code "-1.5"}, {@code " 2e3 "}), or {@code null} when it is not one. */
    static @Nullable BigDecimal parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !startsLikeNumber(trimmed.charAt(0))) {
            return null;
        }
        if (trimmed.length() <= MAX_LONG_DIGITS) {
            BigDecimal whole = wholeNumber(trimmed);
            if (whole != null) {
                return whole;
            }
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The common case of a plain whole number ({@code 42}, {@code -7}), read without {@code BigDecimal}'s parser. */
    private static @Nullable BigDecimal wholeNumber(String text) {
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length()) {
            return null;
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return BigDecimal.valueOf(text.charAt(0) == '-' ? -value : value);
    }

    private static boolean startsLikeNumber(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }
}
