package io.segmentbatch.segment;

import java.io.Writer;
import java.util.function.Consumer;

/**
 * Reads PostgreSQL COPY text output as it arrives: splits lines into fields at tabs, turns {@code \N} into
 * null and undoes the backslash escapes, and hands each row's fields on.
 */
final class CopyLines extends Writer {
    private final Consumer<String[]> rows;
    private final String[] fields;
    private final StringBuilder field = new StringBuilder(64);
    private int index;
    private boolean escaped;
    private boolean nullMarker;

    CopyLines(Consumer<String[]> rows, int width) {
        this.rows = rows;
        this.fields = new String[width];
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'N' -> nullMarker = true;
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    default -> field.append(c);
                }
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '\t') {
                endField();
            } else if (c == '\n') {
                endField();
                rows.accept(fields);
                index = 0;
            } else {
                field.append(c);
            }
        }
    }

    private void endField() {
        fields[index++] = nullMarker ? null : field.toString();
        field.setLength(0);
        nullMarker = false;
    }

    @Override
    public void flush() {
        // rows are handed on as soon as their line ends
    }

    @Override
    public void close() {
        // nothing held
    }
}
