package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A segment as the catalog keeps it.
 *
 * @param segNo         internal number, used in membership rows
 * @param id            the public {@code seg_…} ID, stable from run to run
 * @param currentRunNo  the last completed run that evaluated it, or null before the first
 */
public record CatalogSegment(
        long segNo,
        String id,
        String name,
        SegmentType type,
        Instant createdAt,
        @Nullable Long currentRunNo) {
    public CatalogSegment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
