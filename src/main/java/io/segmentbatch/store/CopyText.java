package io.segmentbatch.store;

/** PostgreSQL COPY text format: {@code \N} for null, backslash escapes for tab, line breaks and backslash. */
final class CopyText {
    private CopyText() {
    }

    static StringBuilder append(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        if (plain(value)) {
            return out.append(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /** Splits one COPY text row (no line break at the end, or one) into {@code fields}, undoing the escapes. */
    static void split(String row, String[] fields) {
        int index = 0;
        StringBuilder field = new StringBuilder(32);
        boolean nullMarker = false;
        int end = row.endsWith("\n") ? row.length() - 1 : row.length();
        for (int i = 0; i < end; i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char e = row.charAt(++i);
                switch (e) {
                    case 'N' -> nullMarker = true;
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    default -> field.append(e);
                }
            } else if (c == '\t') {
                fields[index++] = nullMarker ? null : field.toString();
                field.setLength(0);
                nullMarker = false;
            } else {
                field.append(c);
            }
        }
        fields[index] = nullMarker ? null : field.toString();
    }
}
