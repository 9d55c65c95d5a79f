package io.segmentbatch.customer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The physical lines of one export file, numbered from 1, each with the byte offset it starts at (in the
 * decompressed content when the name ends in {@code .gz}), without a byte-order mark. A line ends at a line feed;
 * a carriage return right before it is part of the line break. Reading can start at any line start of a plain
 * file (a partition), and lines can be pushed back to be read again.
 */
final class PhysicalLines implements AutoCloseable {

    /** One line, its number in the file, and the offset of its first byte. */
    record Line(long number, String text, long offset) {
    }

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private long bufferOffset;
    private long lineNumber;
    private boolean eof;

    PhysicalLines(Path file, AtomicLong bytesRead) throws IOException {
        this(file, bytesRead, 0, 1);
    }

    /** Lines from {@code offset}, the start of line {@code firstLine}, of a plain (not gzipped) file. */
    PhysicalLines(Path file, AtomicLong bytesRead, long offset, long firstLine) throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase().endsWith(".gz");
        if (gzip && offset > 0) {
            throw new IllegalArgumentException(file + ": a gzipped file is read from its start only");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        InputStream raw = new CountingInputStream(Channels.newInputStream(channel), bytesRead);
        this.in = gzip ? new GZIPInputStream(raw, BUFFER) : raw;
        this.bufferOffset = offset;
        this.lineNumber = firstLine - 1;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        int start = position;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    position = i + 1;
                    return line(start, i);
                }
            }
            position = limit;
            if (eof) {
                return start < limit ? line(start, limit) : null;
            }
            start = fill(start);
        }
    }

    /** Keeps the bytes from {@code start} on (growing the buffer for a long line), reads more; returns the new start. */
    private int fill(int start) throws IOException {
        int kept = limit - start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, kept);
            bufferOffset += start;
        } else if (kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        position = kept;
        limit = kept;
        // readNBytes returns less than asked only at the end of the stream
        limit += Math.max(0, in.readNBytes(buffer, limit, buffer.length - limit));
        eof = limit < buffer.length;
        return 0;
    }

    private Line line(int start, int end) {
        long offset = bufferOffset + start;
        int to = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
        int from = start;
        lineNumber++;
        if (offset == 0 && to - from >= 3 && buffer[from] == (byte) 0xEF && buffer[from + 1] == (byte) 0xBB
                && buffer[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        return new Line(lineNumber, new String(buffer, from, to - from, StandardCharsets.UTF_8), offset);
    }

    /** Puts lines back, to be returned again in the same order before any new line. */
    void pushBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushedBack.push(lines.get(i));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
