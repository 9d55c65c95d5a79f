package io.segmentbatch.filter;

/**
 * Builds the JSON paths that errors point at, in filters and in the rest of a job file alike:
 * {@code $.segments[3].filter['address.city'].conditions.$in}. Plain identifiers and {@code $}-operators are
 * written {@code .name}; any other key {@code ['...']}, with {@code '} and {@code \} escaped by a backslash.
 */
public final class JsonPath {

    private JsonPath() {}

    public static String key(String parent, String name) {
        if (isPlain(name)) {
            return parent + "." + name;
        }
        String escaped = name.replace("\\", "\\\\").replace("'", "\\'");
        return parent + "['" + escaped + "']";
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static boolean isPlain(String name) {
        int start = name.startsWith("$") ? 1 : 0;
        if (name.length() == start || !isIdentifierStart(name.charAt(start))) {
            return false;
        }
        for (int i = start + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isIdentifierStart(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
