package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL COPY text format: {@code \N} for null, backslash escapes for tab, line breaks and backslash (and, in what
 * the server sends, for backspace, form feed and vertical tab too).
 */
final class CopyText {
    private CopyText() {}

    /**
     * COPY rows built as UTF-8 bytes, the connection's encoding, and sent as they are, instead of a
     * {@code StringBuilder} that becomes a String that the driver encodes again (about a quarter less CPU for the
     * rows of the 1M bench, measured on their own). The escaped characters are ASCII.
     */
    static final class Rows {
        private byte[] bytes;
        private int length;

        Rows(int capacity) {
            bytes = new byte[Math.max(64, capacity)];
        }

        /** A text value (null: {@code \N}), escaped. */
        Rows text(String value) {
            if (value == null) {
                ensure(2);
                bytes[length++] = '\\';
                bytes[length++] = 'N';
                return this;
            }
            // encoded here, char by char into the rows' bytes: a byte array per value (String.getBytes) cost twice
            // the driver's encoding of a whole chunk (JFR)
            int chars = value.length();
            ensure(chars * 3 + 1);
            byte[] out = bytes;
            int at = length;
            for (int i = 0; i < chars; i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '\\') {
                    out[at++] = (byte) c; // the common case, before the escapes' switch
                } else if (c < 0x80) {
                    int escape = escapeOf(c);
                    if (escape >= 0) {
                        out[at++] = '\\';
                        out[at++] = (byte) escape;
                    } else {
                        out[at++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    out[at++] = (byte) (0xC0 | (c >> 6));
                    out[at++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < chars
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int code = Character.toCodePoint(c, value.charAt(++i));
                    out[at++] = (byte) (0xF0 | (code >> 18));
                    out[at++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                    out[at++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                    out[at++] = (byte) (0x80 | (code & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    out[at++] = '?'; // a lone surrogate, as String.getBytes encodes it
                } else {
                    out[at++] = (byte) (0xE0 | (c >> 12));
                    out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    out[at++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            length = at;
            return this;
        }

        /** A number or another value whose text needs no escape. */
        Rows plain(Object value) {
            return ascii(String.valueOf(value));
        }

        /** A long's decimal digits, as {@code Long.toString} gives them, written here: no String per value. */
        Rows plain(long value) {
            if (value == Long.MIN_VALUE) {
                return ascii(Long.toString(value));
            }
            ensure(20);
            byte[] out = bytes;
            long rest = value;
            if (rest < 0) {
                out[length++] = '-';
                rest = -rest;
            }
            int digits = 1;
            for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
                digits++;
            }
            int at = length + digits;
            length = at;
            do {
                out[--at] = (byte) ('0' + (int) (rest % 10));
                rest /= 10;
            } while (rest != 0);
            return this;
        }

        /** The column delimiter. */
        Rows tab() {
            ensure(1);
            bytes[length++] = '\t';
            return this;
        }

        /** The end of a row. */
        Rows end() {
            ensure(1);
            bytes[length++] = '\n';
            return this;
        }

        /**
         * UTF-8 bytes as they are but for the escapes: a multi-byte character's bytes are all 0x80 or above, so
         * they never look like a tab, a line break or a backslash.
         */
        Rows utf8(byte[] value, int count) {
            int clean = 0;
            while (clean < count && !needsEscape(value[clean])) {
                clean++;
            }
            ensure(clean + (count - clean) * 2);
            System.arraycopy(value, 0, bytes, length, clean);
            byte[] out = bytes;
            int at = length + clean;
            for (int i = clean; i < count; i++) {
                byte b = value[i];
                int escape = escapeOf(b);
                if (escape >= 0) {
                    out[at++] = '\\';
                    out[at++] = (byte) escape;
                } else {
                    out[at++] = b;
                }
            }
            length = at;
            return this;
        }

        private static boolean needsEscape(byte b) {
            return escapeOf(b) >= 0;
        }

        /** The letter that follows the backslash in COPY's escape of {@code c}, or -1 when it needs none. */
        private static int escapeOf(int c) {
            return switch (c) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> -1;
            };
        }

        byte[] array() {
            return bytes;
        }

        int length() {
            return length;
        }

        void clear() {
            length = 0;
        }

        java.io.InputStream stream() {
            return new java.io.ByteArrayInputStream(bytes, 0, length);
        }

        private Rows ascii(String text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
            return this;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /**
     * Reads one COPY text row as PostgreSQL sends it, UTF-8 bytes with a line break at the end, a field at a time:
     * text fields become Strings straight from their bytes and numbers are parsed where they stand, instead of
     * decoding the whole row to a String and cutting that (every byte copied twice, a String per number). JFR put
     * the parsing at half of the publishing thread's Java samples in a second run, yet the publish step took as long
     * either way, measured alternating: that thread mostly waits for PostgreSQL's sorts.
     *
     * <p>A raw tab only ever separates fields (a tab in a value is escaped), and a multi-byte character's bytes are
     * all 0x80 or above, so fields are cut at tab bytes; only a field with a backslash is unescaped.
     */
    static final class Row {
        private byte[] bytes = new byte[0];
        private int end;
        private int at;

        /** Starts reading {@code row}. */
        Row of(byte[] row) {
            bytes = row;
            end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
            at = 0;
            return this;
        }

        /** The next field as text; null for {@code \N}. */
        @Nullable
        String text() {
            int from = at;
            int to = fieldEnd();
            boolean escaped = false;
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\\') {
                    escaped = true;
                    break;
                }
            }
            if (!escaped) {
                return new String(bytes, from, to - from, StandardCharsets.UTF_8);
            }
            if (to - from == 2 && bytes[from + 1] == 'N') {
                return null;
            }
            byte[] unescaped = new byte[to - from];
            int length = 0;
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b == '\\' && i + 1 < to) {
                    byte e = bytes[++i];
                    unescaped[length++] = switch (e) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'v' -> 0x0B;
                        default -> e;
                    };
                } else {
                    unescaped[length++] = b;
                }
            }
            return new String(unescaped, 0, length, StandardCharsets.UTF_8);
        }

        /** The next field as a number (a BIGINT or INTEGER column: never null). */
        long number() {
            int from = at;
            int to = fieldEnd();
            int i = from;
            boolean negative = i < to && bytes[i] == '-';
            if (negative) {
                i++;
            }
            if (i == to) {
                throw new NumberFormatException(
                        "not a number: '" + new String(bytes, from, to - from, StandardCharsets.UTF_8) + "'");
            }
            long value = 0; // accumulated negative, so that Long.MIN_VALUE fits
            for (; i < to; i++) {
                int digit = bytes[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw new NumberFormatException(
                            "not a number: '" + new String(bytes, from, to - from, StandardCharsets.UTF_8) + "'");
                }
                value = value * 10 - digit;
            }
            return negative ? value : -value;
        }

        /** The end of the field that starts at {@code at}; moves {@code at} past its tab. */
        private int fieldEnd() {
            if (at > end) {
                throw new IllegalStateException(
                        "a COPY row with fewer fields than read: " + new String(bytes, 0, end, StandardCharsets.UTF_8));
            }
            int to = at;
            while (to < end && bytes[to] != '\t') {
                to++;
            }
            at = to + 1;
            return to;
        }
    }
}
