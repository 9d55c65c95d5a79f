package io.segmentbatch.customer;

/**
 * Where a CSV record ends and how many cells it has, by RFC 4180 quoting: a quote at the start of a cell opens a
 * quoted cell, a doubled quote inside it stands for a quote, a single one closes it (anything after it up to the
 * next delimiter stays in that cell, and is noted: {@link #textAfterClosingQuote}); a quote inside an unquoted cell is
 * plain text. A record whose quoted cell is still open at the end of a line goes on on the next line.
 * <p>
 * The reader decides record boundaries with this machine, and the partition scanner ({@link RecordStarts}) runs the
 * same states and moves on bytes (the quote and the delimiter are ASCII, and no byte of a multi-byte UTF-8 character
 * is), so a partition that starts at a byte offset the scanner chose starts exactly where reading the whole file
 * would start a record. {@code RecordStartsTests} holds the two to the same cuts.
 */
final class RecordShape {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final char delimiter;
    private int state = FIELD_START;
    private int cells = 1;
    private boolean textAfterClosingQuote;

    RecordShape(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Starts a new record. */
    void reset() {
        state = FIELD_START;
        cells = 1;
        textAfterClosingQuote = false;
    }

    /** Feeds one physical line (without its line break). */
    void feed(CharSequence line) {
        if (line instanceof String text) {
            feed(text);
            return;
        }
        for (int i = 0; i < line.length(); i++) {
            accept(line.charAt(i));
        }
        endOfLine();
    }

    /**
     * The same machine as {@link #accept}, with its state in locals and a quoted cell skipped to its next quote
     * ({@code indexOf}): this scan ran on every line before the parser, and stepping through fields cost more
     * than the parser itself (JFR).
     */
    private void feed(String line) {
        int at = state;
        int count = cells;
        int length = line.length();
        int i = 0;
        while (i < length) {
            if (at == QUOTED) {
                int quote = line.indexOf('"', i);
                if (quote < 0) {
                    i = length;
                    break;
                }
                at = QUOTE_IN_QUOTED;
                i = quote + 1;
                continue;
            }
            char c = line.charAt(i++);
            if (at == UNQUOTED) {
                if (c == delimiter) {
                    count++;
                    at = FIELD_START;
                }
            } else if (c == '"') {
                at = QUOTED; // at the start of a cell it opens one; after a closing quote it was a doubled quote
            } else if (c == delimiter) {
                count++;
                at = FIELD_START;
            } else {
                if (at == QUOTE_IN_QUOTED && c != '\r') {
                    textAfterClosingQuote = true;
                }
                at = UNQUOTED;
            }
        }
        state = at;
        cells = count;
        endOfLine();
    }

    private void accept(char c) {
        switch (state) {
            case FIELD_START -> {
                if (c == '"') {
                    state = QUOTED;
                } else if (c == delimiter) {
                    cells++;
                } else {
                    state = UNQUOTED;
                }
            }
            case UNQUOTED -> {
                if (c == delimiter) {
                    cells++;
                    state = FIELD_START;
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = QUOTE_IN_QUOTED;
                }
            }
            default -> {
                if (c == '"') {
                    state = QUOTED;
                } else if (c == delimiter) {
                    cells++;
                    state = FIELD_START;
                } else {
                    textAfterClosingQuote |= c != '\r';
                    state = UNQUOTED;
                }
            }
        }
    }

    private void endOfLine() {
        if (state != QUOTED) {
            state = FIELD_START;
        }
    }

    /** Whether the record goes on on the next line: a quoted cell is open. */
    boolean pending() {
        return state == QUOTED;
    }

    /**
     * Whether a quoted cell of the record was closed with text after its closing quote ({@code "Cat"s}): RFC 4180 has
     * only the delimiter or the line's end there. A CR, which ends the line where it is the CR of CRLF, does not count.
     * In a record of several lines it is the mark of a stray quote (one opened by mistake and closed by the next
     * quoted cell), and the reader takes it as a broken quote.
     */
    boolean textAfterClosingQuote() {
        return textAfterClosingQuote;
    }

    /** The record's cells so far. */
    int cells() {
        return cells;
    }
}
