package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a segment's members, arriving in identity order, into static segments of at most {@code size}
 * members named {@code <name> (k/n)}, each written to {@code segments/<seg id>.csv}.
 */
final class PartFiles implements AutoCloseable {
    private static final byte[] HEADER = "id,source_id\n".getBytes(StandardCharsets.US_ASCII);

    private final Path runFolder;
    private final CatalogSegment parent;
    private final java.util.function.IntFunction<CatalogSegment> partSegments;
    private final int size;
    private final List<CatalogSegment> opened = new ArrayList<>();
    private final List<SegmentOutcome.Part> written = new ArrayList<>();
    private final FileWrites writes;

    // null between chunks (before the first one, after the last one)
    private FileWrites.@Nullable File writer;

    // the open part's bytes not yet handed to the writer: a buffer of its own, as BufferedOutputStream takes a lock
    // on every write, once per member (10.7 million on the 1M bench)
    private byte[] buffer;
    private int buffered;

    @SuppressWarnings("NullAway.Init") // set by openChunk, with writer
    private String file;

    private int count;

    @SuppressWarnings("NullAway.Init") // set by add, which opens a chunk and writes its first member
    private String firstKey;

    private final List<String> anchors = new ArrayList<>();

    @SuppressWarnings("NullAway.Init")
    private String lastKey;

    /**
     * @param partSegments the static segment that holds part k (from 1), asked for when part k opens
     * @param writes       what writes the files: they are complete once it {@linkplain FileWrites#finish() finished}
     */
    PartFiles(
            Path runFolder,
            CatalogSegment parent,
            java.util.function.IntFunction<CatalogSegment> partSegments,
            int size,
            FileWrites writes) {
        this.writes = writes;
        this.buffer = writes.buffer();
        this.runFolder = runFolder;
        this.parent = parent;
        this.partSegments = partSegments;
        this.size = size;
    }

    void add(MemberInfo member) {
        add(member, line(member));
    }

    /** The member's line of a static segment file, {@code id,source_id}, as UTF-8: made once per customer. */
    static byte[] line(MemberInfo member) {
        StringBuilder line = new StringBuilder(64);
        cell(cell(line, member.id()).append(','), member.sourceId()).append('\n');
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Adds a member whose {@link #line} is already made (a customer in several segments is encoded once). */
    void add(MemberInfo member, byte[] memberLine) {
        if (writer == null || count == size) {
            finishPart();
            openPart();
        }
        write(memberLine);
        if (count == 0) {
            firstKey = member.key();
        } else if (count % SegmentOutcome.Part.ANCHOR_EVERY == 0) {
            anchors.add(member.key());
        }
        lastKey = member.key();
        count++;
    }

    private void openPart() {
        CatalogSegment part = partSegments.apply(opened.size() + 1);
        opened.add(part);
        file = "segments/" + part.id() + ".csv";
        writer = writes.open(runFolder.resolve(file), file);
        count = 0;
        anchors.clear();
        write(HEADER);
    }

    private void finishPart() {
        FileWrites.File open = writer;
        if (open == null) {
            return;
        }
        handOver(open);
        writes.close(open);
        written.add(new SegmentOutcome.Part(opened.get(written.size()), null, count, firstKey, lastKey, file, anchors));
        writer = null;
    }

    /** A static segment of the job: written as it is, to one file named by its own ID. */
    static PartFiles single(Path runFolder, CatalogSegment segment, FileWrites writes) {
        return new PartFiles(runFolder, segment, k -> segment, Integer.MAX_VALUE, writes);
    }

    /** RFC 4180: quoted only when the value holds a comma, a quote or a line break. */
    private static StringBuilder cell(StringBuilder out, @Nullable String value) {
        if (value == null) {
            return out;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return out.append('"').append(value.replace("\"", "\"\"")).append('"');
            }
        }
        return out.append(value);
    }

    private void write(byte[] bytes) {
        // add opens a chunk before it writes
        FileWrites.File open = java.util.Objects.requireNonNull(writer, "no chunk open");
        if (buffered + bytes.length > buffer.length) {
            handOver(open);
            if (bytes.length > buffer.length) {
                writes.write(open, bytes.clone(), bytes.length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, buffered, bytes.length);
        buffered += bytes.length;
    }

    /** Gives the buffered bytes to the writer, and takes an empty buffer. */
    private void handOver(FileWrites.File open) {
        if (buffered > 0) {
            writes.write(open, buffer, buffered);
            buffer = writes.buffer();
            buffered = 0;
        }
    }

    /** The parts written, named {@code <name> (k/n)} now that n is known (a job's static segment keeps its name). */
    List<SegmentOutcome.Part> parts() {
        List<SegmentOutcome.Part> named = new ArrayList<>(written.size());
        for (int k = 0; k < written.size(); k++) {
            SegmentOutcome.Part part = written.get(k);
            String name = part.segment().equals(parent)
                    ? parent.name()
                    : parent.name() + " (" + (k + 1) + "/" + written.size() + ")";
            named.add(new SegmentOutcome.Part(
                    part.segment(),
                    name,
                    part.customers(),
                    part.firstKey(),
                    part.lastKey(),
                    part.file(),
                    part.anchors()));
        }
        return named;
    }

    @Override
    public void close() {
        finishPart();
    }
}
