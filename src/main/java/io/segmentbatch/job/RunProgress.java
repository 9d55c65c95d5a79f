package io.segmentbatch.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far a run has read its input: the figures a progress display shows. Safe to share between threads: each
 * reader (one per partition, when the input is read in parts) owns a {@link Part} and sets its own counts; a
 * display thread reads the sum with {@link #snapshot()} whenever it likes. The parts a run will read are planned
 * before the first starts, so that the total does not grow (and the share done and the time left jump back) each
 * time a partition that waited for a thread starts.
 */
public final class RunProgress {
    private final Map<Long, Part> parts = new ConcurrentHashMap<>();

    /**
     * The part of the input with this key (a partition's step execution ID), of this many bytes: planned when it is
     * new, the planned one otherwise, for one reader to update.
     */
    public Part part(long key, long totalBytes) {
        return parts.computeIfAbsent(key, k -> new Part(totalBytes));
    }

    /** The sum of every part now. */
    public Snapshot snapshot() {
        long done = 0;
        long total = 0;
        long rows = 0;
        for (Part part : parts.values()) {
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
