package io.segmentbatch.segment;

import java.util.Comparator;

/**
 * Identity order: by Unicode code point, which is UTF-8 byte order and PostgreSQL's {@code COLLATE "C"}.
 * {@link String#compareTo} compares UTF-16 units and differs for characters beyond U+FFFF (emoji).
 */
public final class Identities {
    public static final Comparator<String> ORDER = Identities::compare;

    private Identities() {}

    public static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Character.isSurrogate(x) || Character.isSurrogate(y)
                        ? Integer.compare(a.codePointAt(i), b.codePointAt(i))
                        : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * A string whose UTF-16 order is the code point order of {@code key}: what H2, which compares UTF-16 units,
     * sorts by. Characters U+E000-U+FFFF move below the surrogates, surrogates above them.
     */
    public static String sortKey(String key) {
        return remap(key, true);
    }

    /** The key that {@link #sortKey} was made from: that mapping undone. */
    public static String keyOf(String sortKey) {
        return remap(sortKey, false);
    }

    private static String remap(String text, boolean toSortKey) {
        // both mappings move only characters from U+D800 up; keys rarely have one, and this loop is all they cost
        // (the mapping loop below was 2% of the evaluating threads' CPU on the 1M bench on H2)
        int first = 0;
        while (first < text.length() && text.charAt(first) < 0xD800) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(
                    toSortKey
                            ? c >= 0xE000 ? (char) (c - 0x800) : Character.isSurrogate(c) ? (char) (c + 0x2000) : c
                            : c >= 0xF800 ? (char) (c - 0x2000) : c >= 0xD800 ? (char) (c + 0x800) : c);
        }
        return out.toString();
    }
}
