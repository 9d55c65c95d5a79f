package io.segmentbatch.customer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The physical lines of one export file, numbered from 1, decompressed when the name ends in {@code .gz},
 * without a byte-order mark; lines can be pushed back to be read again.
 */
final class PhysicalLines implements AutoCloseable {

    /** One line and its number in the file. */
    record Line(long number, String text) {
    }

    private final BufferedReader reader;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private long lineNumber;

    PhysicalLines(Path file, AtomicLong bytesRead) throws IOException {
        InputStream in = new CountingInputStream(Files.newInputStream(file), bytesRead);
        if (file.getFileName().toString().toLowerCase().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        String text = reader.readLine();
        if (text == null) {
            return null;
        }
        lineNumber++;
        if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new Line(lineNumber, text);
    }

    /** Puts lines back, to be returned again in the same order before any new line. */
    void pushBack(java.util.List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushedBack.push(lines.get(i));
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
