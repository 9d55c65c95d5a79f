package io.segmentbatch.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a segment's members, arriving in identity order, into static segments of at most {@code size}
 * members named {@code <name> (k/n)}, each written to {@code segments/<seg id>.csv}.
 */
final class ChunkFiles implements AutoCloseable {
    private final Path runFolder;
    private final CatalogSegment parent;
    private final List<CatalogSegment> chunkSegments;
    private final int size;
    private final List<SegmentOutcome.Chunk> written = new ArrayList<>();

    private Writer writer;
    private final StringBuilder line = new StringBuilder(80);
    private String file;
    private int count;
    private String firstKey;
    private String lastKey;

    /** @param chunkSegments the static segments to fill, one per chunk, in order */
    ChunkFiles(Path runFolder, CatalogSegment parent, List<CatalogSegment> chunkSegments, int size) {
        this.runFolder = runFolder;
        this.parent = parent;
        this.chunkSegments = chunkSegments;
        this.size = size;
    }

    void add(MemberInfo member) {
        if (writer == null || count == size) {
            finishChunk();
            openChunk();
        }
        line.setLength(0);
        cell(cell(line, member.id()).append(','), member.sourceId()).append('\n');
        write(line);
        if (count == 0) {
            firstKey = member.key();
        }
        lastKey = member.key();
        count++;
    }

    private void openChunk() {
        CatalogSegment chunk = chunkSegments.get(written.size());
        file = "segments/" + chunk.id() + ".csv";
        try {
            Path path = runFolder.resolve(file);
            Files.createDirectories(path.getParent());
            writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            writer.write("id,source_id\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        count = 0;
    }

    private void finishChunk() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        CatalogSegment chunk = chunkSegments.get(written.size());
        String name = chunk == parent ? parent.name()
                : parent.name() + " (" + (written.size() + 1) + "/" + chunkSegments.size() + ")";
        written.add(new SegmentOutcome.Chunk(chunk, name, count, firstKey, lastKey, file));
        writer = null;
    }

    /** A static segment of the job: written as it is, to one file named by its own ID. */
    static ChunkFiles single(Path runFolder, CatalogSegment segment) {
        return new ChunkFiles(runFolder, segment, List.of(segment), Integer.MAX_VALUE);
    }

    /** RFC 4180: quoted only when the value holds a comma, a quote or a line break. */
    private static StringBuilder cell(StringBuilder out, String value) {
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

    private void write(CharSequence text) {
        try {
            writer.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    List<SegmentOutcome.Chunk> chunks() {
        return List.copyOf(written);
    }

    @Override
    public void close() {
        finishChunk();
    }
}
