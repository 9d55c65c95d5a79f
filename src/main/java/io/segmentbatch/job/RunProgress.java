package io.segmentbatch.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How far a run has read its input: the figures a progress display shows. Safe to share between threads: each
 * reader (one per partition, when the input is read in parts) owns a {@link Part} and sets its own counts; a
 * display thread reads the sum with {@link #snapshot()} whenever it likes.
 */
public final class RunProgress {
    private final List<Part> parts = new CopyOnWriteArrayList<>();

    /** A new part of the input, of this many bytes, for one reader to update. */
    public Part part(long totalBytes) {
        Part part = new Part(totalBytes);
        parts.add(part);
        return part;
    }

    /** The sum of every part now. */
    public Snapshot snapshot() {
        long done = 0;
        long total = 0;
        long rows = 0;
        for (Part part : parts) {
            done += part.bytesDone;
            total += part.totalBytes;
            rows += part.rows;
        }
        return new Snapshot(done, total, rows);
    }

    /** One reader's share of the input. Only its reader writes it. */
    public static final class Part {
        private final long totalBytes;
        private volatile long bytesDone;
        private volatile long rows;

        private Part(long totalBytes) {
            this.totalBytes = totalBytes;
        }

        /** This part's counts so far (not increments). */
        public void update(long bytesDone, long rows) {
            this.bytesDone = bytesDone;
            this.rows = rows;
        }
    }

    /** Bytes of the input read so far, of all, and rows read. */
    public record Snapshot(long bytesDone, long totalBytes, long rows) {
        /** Done share of the input's bytes, 0 to 1 (1 for an empty input). */
        public double share() {
            return totalBytes == 0 ? (rows > 0 ? 1 : 0) : Math.min(1, (double) bytesDone / totalBytes);
        }
    }
}
