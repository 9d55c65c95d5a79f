package io.segmentbatch.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * A segment of the catalog as the segments API shows it: where it comes from, and what it is evaluated by.
 *
 * @param jobName      the job file that defines it (origin {@code JOB})
 * @param apiJob       the job named when it was created over the API; null: the job with {@code api_segments}
 * @param filterJson   the filter as given, for auto-update and passive segments
 * @param parentNo     for a static part, the filter segment it was cut from
 * @param currentRunNo the last completed run that evaluated it (for a part: that of its parent), or null
 */
public record StoredSegment(
        long segNo,
        String id,
        String name,
        SegmentType type,
        Origin origin,
        String jobName,
        String apiJob,
        String filterJson,
        Long parentNo,
        Instant createdAt,
        Long currentRunNo) {

    /** Who made the segment: a job file, an API call, or a run that cut a filter segment into static ones. */
    public enum Origin {
        JOB("job"),
        API("api"),
        PART("chunk");

        private final String column;

        Origin(String column) {
            this.column = column;
        }

        /** The origin stored in {@code sb_segment.origin} ({@code job}, {@code api}, {@code chunk} for a part). */
        public static Origin of(String column) {
            for (Origin origin : values()) {
                if (origin.column.equals(column)) {
                    return origin;
                }
            }
            throw new IllegalArgumentException("unknown segment origin " + column);
        }
    }

    public StoredSegment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Voucherify's {@code initial_sync_status}: a filter segment is {@code IN_PROGRESS} until a run evaluated it. */
    public String syncStatus() {
        return type.hasFilter() && currentRunNo == null ? "IN_PROGRESS" : "DONE";
    }

    public CatalogSegment catalog() {
        return new CatalogSegment(segNo, id, name, type, createdAt, currentRunNo);
    }
}
