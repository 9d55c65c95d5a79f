package io.segmentbatch.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a plain export file can be cut into partitions that are read on their own: record starts about every
 * {@code partitionSize} bytes, with the physical line each starts on. One pass over the bytes, looking only at
 * quotes, delimiters and line feeds, with the reader's own record rules ({@link RecordShape}, and the reader's
 * recovery from a broken quote: a record still open after {@value ExportReader#MAX_RECORD_LINES} lines or at the end
 * of the file, or a multi-line record with the wrong number of cells, is rejected on its first line and reading
 * goes on from the next line), so every cut falls exactly where reading the whole file starts a record, and reject
 * line numbers stay exact.
 */
public final class RecordStarts {

    /** A record start: its byte offset and the physical line (from 1) it starts on. */
    public record Start(long offset, long line) {}

    private static final int WINDOW = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private final byte[] bytes = window.array();
    private long windowOffset;
    private int windowLength;
    private byte[] longLine = new byte[0];

    private RecordStarts(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * The record starts after which each partition but the first begins (the first begins after the header).
     *
     * @param headerCells the number of cells of the file's header
     */
    public static List<Start> find(Path file, char delimiter, int headerCells, long partitionSize) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new RecordStarts(channel).scan(delimiter, headerCells, partitionSize, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be scanned for partitions (" + e.getMessage() + ")", e);
        }
    }

    private List<Start> scan(char delimiter, int headerCells, long partitionSize, long size) throws IOException {
        List<Start> starts = new ArrayList<>();
        if (lineBreaksAreCarriageReturns()) {
            return starts; // an old Mac export: read whole, as its lines do not end with LF
        }
        RecordShape shape = new RecordShape(delimiter);
        long offset = nextLine(0);
        long line = 2;
        long target = partitionSize;
        while (offset >= 0 && offset < size) {
            if (offset >= target && size - offset >= partitionSize / 4) {
                starts.add(new Start(offset, line));
                target = offset + partitionSize;
            }
            long afterFirst = nextLine(offset);
            shape.reset();
            feed(shape, offset, afterFirst);
            long end = afterFirst;
            int lines = 1;
            while (shape.pending() && lines < ExportReader.MAX_RECORD_LINES && end >= 0 && end < size) {
                long after = nextLine(end);
                feed(shape, end, after);
                end = after;
                lines++;
            }
            boolean broken = shape.pending() || (lines > 1 && shape.cells() != headerCells);
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

    /** Feeds the line {@code [from, to)} (to: -1 for the end of the file) to the shape, without its line break. */
    private void feed(RecordShape shape, long from, long to) throws IOException {
        long end = to < 0 ? channel.size() : to;
        int length = (int) (end - from);
        byte[] line;
        int start;
        if (load(from) && from + length <= windowOffset + windowLength) {
            line = bytes;
            start = (int) (from - windowOffset);
        } else {
            if (longLine.length < length) {
                longLine = new byte[length];
            }
            channel.read(ByteBuffer.wrap(longLine, 0, length), from);
            line = longLine;
            start = 0;
        }
        int stop = start + length;
        if (stop > start && line[stop - 1] == '\n') {
            stop--;
        }
        if (stop > start && line[stop - 1] == '\r') {
            stop--;
        }
        shape.feed(line, start, stop);
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
