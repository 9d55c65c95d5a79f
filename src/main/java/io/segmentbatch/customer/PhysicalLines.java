package io.segmentbatch.customer;

import org.jspecify.annotations.Nullable;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The physical lines of one export file, numbered from 1, decompressed when the name ends in {@code .gz},
 * without a byte-order mark; lines can be pushed back to be read again.
 * <p>
 * Lines are split on bytes, not characters: a line ends at LF (a CR before it belongs to the line end), or at
 * CR when the file's first line break is a lone CR (old Mac exports). A CR anywhere else stays in the text, so a
 * quoted cell keeps it. Each line is then decoded in the job's encoding (an ASCII-compatible one, checked by the
 * job loader, so that bytes below 0x80 are the same characters whatever the encoding). Bytes that are not valid
 * in the encoding are not altered silently: the line carries the byte offset of the first one, and the reader
 * rejects its record.
 */
final class PhysicalLines implements AutoCloseable {
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    /**
     * One line and where it is in the file.
     *
     * @param number      the physical line number (the header is line 1)
     * @param text        the decoded line without its line end; bad bytes appear as U+FFFD
     * @param offset      the byte offset of the line's first byte in the (uncompressed) file
     * @param ending      the line end as it was in the file: {@code "\n"}, {@code "\r\n"}, {@code "\r"}, or
     *                    {@code ""} for a last line without one
     * @param malformedAt the byte offset in the file of the first byte that is not valid in the encoding, or -1
     */
    record Line(long number, String text, long offset, String ending, long malformedAt) {
        boolean malformed() {
            return malformedAt >= 0;
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    /** The file offset of {@code buffer[start]}. */
    private long offset;
    /** LF or CR once the first line break is seen; 0 before. */
    private byte lineBreak;

    private long lineNumber;

    PhysicalLines(Path file, AtomicLong bytesRead) throws IOException {
        this(file, bytesRead, StandardCharsets.UTF_8);
    }

    PhysicalLines(Path file, AtomicLong bytesRead, Charset charset) throws IOException {
        InputStream stream = new CountingInputStream(Files.newInputStream(file), bytesRead);
        if (ExportReader.gzipped(file)) {
            try {
                stream = new GZIPInputStream(stream, 1 << 16);
            } catch (EOFException e) {
                stream.close();
                throw new EOFException("not a complete gzip file (it ends before its gzip header)");
            }
        }
        this.in = stream;
        this.charset = charset;
    }

    /**
     * Lines from byte {@code offset}, the start of line {@code firstLine}, of a plain (not gzipped) file whose lines
     * end with LF: a partition (see {@link RecordStarts}, which cuts only such files).
     */
    PhysicalLines(Path file, AtomicLong bytesRead, Charset charset, long offset, long firstLine) throws IOException {
        if (ExportReader.gzipped(file)) {
            throw new IllegalArgumentException(file + ": a gzipped file is read from its start only");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        this.in = new CountingInputStream(Channels.newInputStream(channel), bytesRead);
        this.charset = charset;
        this.offset = offset;
        this.lineNumber = firstLine - 1;
        this.lineBreak = offset > 0 ? LF : 0;
    }

    /** The next line, or null at the end of the file. */
    @Nullable
    Line next() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        int scanned = 0;
        while (true) {
            int at = findBreak(start + scanned);
            if (at >= 0) {
                if (lineBreak == 0) {
                    if (buffer[at] == CR && at + 1 >= end && !eof) {
                        scanned = at - start;
                        fill();
                        continue;
                    }
                    lineBreak = buffer[at] == CR && (at + 1 >= end || buffer[at + 1] != LF) ? CR : LF;
                    if (lineBreak == LF && buffer[at] == CR) {
                        at++;
                    }
                }
                int textEnd = at;
                String ending = lineBreak == CR ? "\r" : "\n";
                if (lineBreak == LF && textEnd > start && buffer[textEnd - 1] == CR) {
                    textEnd--;
                    ending = "\r\n";
                }
                return line(textEnd, at + 1, ending);
            }
            if (eof) {
                return start < end ? line(end, end, "") : null;
            }
            scanned = end - start;
            fill();
        }
    }

    private int findBreak(int from) {
        for (int i = from; i < end; i++) {
            byte b = buffer[i];
            if (b == LF || b == CR) {
                if (lineBreak == 0 || b == lineBreak) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Reads more bytes after {@code end}, moving what is left to the front or growing the buffer first. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private Line line(int textEnd, int next, String ending) {
        long lineOffset = offset;
        int length = textEnd - start;
        String text = new String(buffer, start, length, charset);
        long malformedAt = -1;
        // the decoder turned bad bytes into U+FFFD; only then is it worth finding out where (or that it was a real
        // U+FFFD)
        if (text.indexOf('\uFFFD') >= 0) {
            int bad = firstBadByte(start, length);
            malformedAt = bad < 0 ? -1 : lineOffset + bad;
        }
        lineNumber++;
        if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        offset += next - start;
        start = next;
        return new Line(lineNumber, text, lineOffset, ending, malformedAt);
    }

    /** The index, from {@code from}, of the first byte the encoding does not accept; -1 when all are valid. */
    private int firstBadByte(int from, int length) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(buffer, from, length);
        CharBuffer chars = CharBuffer.allocate((int) (length * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            return bytes.position() - from;
        }
        return -1;
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
