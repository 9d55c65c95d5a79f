package io.segmentbatch.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a plain export file can be cut into partitions that are read on their own: record starts about every
 * {@code partitionSize} bytes, with the physical line each starts on. One pass over the bytes, looking only at
 * quotes, delimiters and line feeds, with the reader's own record rules ({@link RecordShape}'s machine, run here on
 * bytes, and the reader's recovery from a broken quote: a record still open after
 * {@value ExportReader#MAX_RECORD_LINES} lines or at the end of the file, or a multi-line record with the wrong
 * number of cells or text after a closing quote, is rejected on its first line and reading goes on from the next
 * line), so every cut falls exactly where reading the whole file starts a record, and reject line numbers stay exact.
 */
public final class RecordStarts {

    /** A record start: its byte offset and the physical line (from 1) it starts on. */
    public record Start(long offset, long line) {}

    private static final int WINDOW = 1 << 20;

    // RecordShape's states
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final FileChannel channel;
    private final ByteBuffer window;
    private final byte[] bytes;
    private long windowOffset;
    private int windowLength;

    // what record() found out about the record it scanned
    private long afterFirst;
    private int lines;
    private int cells;
    private boolean pending;
    private boolean textAfterClosingQuote;

    private RecordStarts(FileChannel channel, int windowSize) {
        this.channel = channel;
        this.window = ByteBuffer.allocate(windowSize);
        this.bytes = window.array();
    }

    /**
     * The record starts after which each partition but the first begins (the first begins after the header).
     *
     * @param headerCells the number of cells of the file's header
     */
    public static List<Start> find(Path file, char delimiter, int headerCells, long partitionSize) {
        return find(file, delimiter, headerCells, partitionSize, WINDOW);
    }

    /** As {@link #find(Path, char, int, long)}, reading {@code windowSize} bytes at a time. */
    static List<Start> find(Path file, char delimiter, int headerCells, long partitionSize, int windowSize) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new RecordStarts(channel, windowSize).scan(delimiter, headerCells, partitionSize, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    file + ": cannot be scanned for partitions (" + FileFailures.reason(e) + ")", e);
        }
    }

    private List<Start> scan(char delimiter, int headerCells, long partitionSize, long size) throws IOException {
        List<Start> starts = new ArrayList<>();
        if (lineBreaksAreCarriageReturns()) {
            return starts; // an old Mac export: read whole, as its lines do not end with LF
        }
        long offset = nextLine(0);
        long line = 2;
        long target = partitionSize;
        while (offset >= 0 && offset < size) {
            if (offset >= target && size - offset >= partitionSize / 4) {
                starts.add(new Start(offset, line));
                target = offset + partitionSize;
            }
            long end = record(offset, delimiter);
            boolean broken = pending || (lines > 1 && (cells != headerCells || textAfterClosingQuote));
            if (broken || lines == 1) {
                offset = afterFirst;
                line += 1;
            } else {
                offset = end;
                line += lines;
            }
        }
        return starts;
    }

    /**
     * Scans the record that starts at {@code offset} with {@link RecordShape}'s machine (the same states and moves, on
     * bytes) in one pass over its bytes, line breaks included: up to the end of its last line, or of its
     * {@value ExportReader#MAX_RECORD_LINES}th while a quoted cell is still open. Returns the offset after that line's
     * break (-1: the file ends without one) and sets {@link #afterFirst} (the offset after the first line's break, -1
     * when there is none), {@link #lines}, {@link #cells} and {@link #pending}.
     * <p>
     * A line's CR before its LF goes through the machine as any other byte: a line ends in {@code FIELD_START}
     * unless a quoted cell is open, and a CR neither opens nor closes one, nor counts a cell, so the result is the
     * reader's, which strips it. One pass, which skips eight bytes at a time to the next byte that can change the
     * state ({@link #find}), instead of finding each line break first and then feeding the line to the machine byte
     * by byte: 0.30 s against 0.41 s for the 295 MB of the 1M bench (six scans each in one JVM, the same starts).
     */
    private long record(long offset, char delimiter) throws IOException {
        long delimiters = ONES * delimiter;
        int state = FIELD_START;
        int count = 1;
        int line = 1;
        afterFirst = -1;
        textAfterClosingQuote = false;
        long at = offset;
        while (load(at)) {
            byte[] b = bytes;
            int n = windowLength;
            int i = (int) (at - windowOffset);
            while (i < n) {
                if (state == QUOTED || state == UNQUOTED) {
                    // skip to the quote that closes the cell, or to the cell's end; or to the line's end
                    i = find(b, i, n, state == QUOTED ? QUOTES : delimiters);
                    if (i == n) {
                        break;
                    }
                }
                int c = b[i++];
                if (state == QUOTED) {
                    if (c == '"') {
                        state = QUOTE_IN_QUOTED;
                        continue;
                    }
                } else if (c != '\n') {
                    if (c == delimiter) {
                        count++;
                        state = FIELD_START;
                    } else if (c == '"') {
                        // at the start of a cell it opens one; after a closing quote it was a doubled quote
                        state = QUOTED;
                    } else {
                        if (state == QUOTE_IN_QUOTED && c != '\r') {
                            textAfterClosingQuote = true;
                        }
                        state = UNQUOTED;
                    }
                    continue;
                }
                // the end of a physical line
                long after = windowOffset + i;
                if (line == 1) {
                    afterFirst = after;
                }
                if (state != QUOTED || line >= ExportReader.MAX_RECORD_LINES) {
                    return finish(line, count, state == QUOTED, after);
                }
                line++;
            }
            at = windowOffset + n;
        }
        return finish(line, count, state == QUOTED, -1); // the end of the file
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LINE_FEEDS = ONES * '\n';
    private static final long QUOTES = ONES * '"';

    /**
     * The index of the first byte from {@code i} that is a line feed or the byte repeated in {@code others}, or
     * {@code n} when there is none: eight bytes at a time (a byte equal to the one looked for is zero after XOR, and
     * {@code (x - 0x01..) & ~x & 0x80..} sets the high bit of the lowest zero byte; those above it may be set too,
     * which the lowest one's position ignores).
     */
    private static int find(byte[] b, int from, int n, long others) {
        int i = from;
        for (; i + 8 <= n; i += 8) {
            long word = (long) LONGS.get(b, i);
            long lineFeed = word ^ LINE_FEEDS;
            long other = word ^ others;
            long found = ((lineFeed - ONES) & ~lineFeed | (other - ONES) & ~other) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        byte single = (byte) others;
        while (i < n && b[i] != '\n' && b[i] != single) {
            i++;
        }
        return i;
    }

    private long finish(int recordLines, int recordCells, boolean open, long end) {
        lines = recordLines;
        cells = recordCells;
        pending = open;
        return end;
    }

    /** Whether the file's first line break is a lone CR (the reader then splits lines at CR). */
    private boolean lineBreaksAreCarriageReturns() throws IOException {
        for (long at = 0; load(at); at = windowOffset + windowLength) {
            for (int i = (int) (at - windowOffset); i < windowLength; i++) {
                if (bytes[i] == '\n') {
                    return false;
                }
                if (bytes[i] == '\r') {
                    long next = windowOffset + i + 1;
                    return !(load(next) && bytes[(int) (next - windowOffset)] == '\n');
                }
            }
        }
        return false;
    }

    /** The offset of the line after the one starting at {@code offset}, or -1 when that line is the last. */
    private long nextLine(long offset) throws IOException {
        long at = offset;
        while (true) {
            if (!load(at)) {
                return -1;
            }
            int from = (int) (at - windowOffset);
            for (int i = from; i < windowLength; i++) {
                if (bytes[i] == '\n') {
                    return windowOffset + i + 1;
                }
            }
            at = windowOffset + windowLength;
        }
    }

    /** Makes the window hold the byte at {@code offset}; false past the end of the file. */
    private boolean load(long offset) throws IOException {
        if (offset >= windowOffset && offset < windowOffset + windowLength) {
            return true;
        }
        window.clear();
        windowOffset = offset;
        int n = channel.read(window, offset);
        windowLength = Math.max(0, n);
        return windowLength > 0;
    }
}
