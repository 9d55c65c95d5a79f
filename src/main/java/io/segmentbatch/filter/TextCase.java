package io.segmentbatch.filter;

import java.util.Locale;

/**
 * Text comparison ignoring letter case, defined as equality after Unicode lower-casing
 * ({@code String.toLowerCase(Locale.ROOT)}) with the Greek final sigma {@code ς} taken as {@code σ}: {@code "ŁÓDŹ"}
 * equals {@code "łódź"}, {@code "Straße"} equals {@code "STRAßE"} but not {@code "STRASSE"}. Lower-casing gives a
 * capital {@code Σ} at the end of a word as {@code ς} and elsewhere as {@code σ}, so without the second rule a text
 * ending in {@code Σ} ({@code "ΚΏΣ"}) would not be found at the start of a word that goes on ({@code "ΚΏΣΤΑΣ"}) in the
 * very same letters; Unicode's case folding makes the two sigmas one as well.
 *
 * <p>The {@code *Lower} methods compare a record's text with a constant that is already lower case, char by
 * char and without allocating. The only characters whose lower case is not char-wise ({@code İ}, whose
 * lower case is two chars; surrogate pairs) send the comparison to {@link #lower(String)}.
 */
final class TextCase {

    private TextCase() {}

    static String lower(String text) {
        // replace(char, char) returns a Latin-1 string as it is without scanning it
        return text.toLowerCase(Locale.ROOT).replace(FINAL_SIGMA, SIGMA);
    }

    private static final char SIGMA = '\u03C3';
    private static final char FINAL_SIGMA = '\u03C2';

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

    /** {@code Character.toLowerCase}, with a shortcut for ASCII and {@code ς} taken as {@code σ}. */
    private static char lower(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        char lower = Character.toLowerCase(c);
        return lower == FINAL_SIGMA ? SIGMA : lower;
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
        return c == '\u0130' || Character.isSurrogate(c);
    }
}
