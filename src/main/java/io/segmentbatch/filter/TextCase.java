package io.segmentbatch.filter;

import java.util.Locale;

/**
 * Text comparison ignoring letter case, defined as equality after Unicode lower-casing
 * ({@code String.toLowerCase(Locale.ROOT)}): {@code "ŁÓDŹ"} equals {@code "łódź"}, {@code "Straße"} equals
 * {@code "STRAßE"} but not {@code "STRASSE"}.
 *
 * <p>The {@code *Lower} methods compare a record's text with a constant that is already lower case, char by
 * char and without allocating. The only characters whose lower case is not char-wise ({@code İ}, whose
 * lower case is two chars; {@code Σ}, whose lower case depends on its neighbours; surrogate pairs) send the
 * comparison to {@code toLowerCase}.
 */
final class TextCase {

    private TextCase() {}

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    static boolean equalsLower(String text, String lower) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isSpecial(c)) {
                return lower(text).equals(lower);
            }
            if (i >= lower.length() || lower(c) != lower.charAt(i)) {
                return false;
            }
        }
        return length == lower.length();
    }

    static boolean startsWithLower(String text, String lowerPrefix) {
        int length = lowerPrefix.length();
        for (int i = 0; i < length; i++) {
            if (i >= text.length()) {
                return false;
            }
            char c = text.charAt(i);
            if (isSpecial(c)) {
                return lower(text).startsWith(lowerPrefix);
            }
            if (lower(c) != lowerPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean endsWithLower(String text, String lowerSuffix) {
        int length = lowerSuffix.length();
        int offset = text.length() - length;
        for (int i = length - 1; i >= 0; i--) {
            if (offset + i < 0) {
                return hasSpecial(text) && lower(text).endsWith(lowerSuffix);
            }
            char c = text.charAt(offset + i);
            if (isSpecial(c)) {
                return lower(text).endsWith(lowerSuffix);
            }
            if (lower(c) != lowerSuffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean containsLower(String text, String lowerPart) {
        return lower(text).contains(lowerPart);
    }

    /** {@code Character.toLowerCase}, with a shortcut for ASCII. */
    private static char lower(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    private static boolean hasSpecial(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isSpecial(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpecial(char c) {
        return c == '\u0130' || c == '\u03A3' || Character.isSurrogate(c);
    }
}
