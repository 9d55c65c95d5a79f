package io.segmentbatch.segment;

import java.util.List;

/**
 * What a run produced for one segment.
 *
 * @param chunks the static segments cut from a filter segment (empty for a static segment)
 * @param file   for a static segment, its members file relative to the run folder
 */
public record SegmentOutcome(CatalogSegment segment, long members, long entered, long left, long eventsEmitted,
                             List<Chunk> chunks, String file) {

    /** One static segment cut from a filter segment. */
    public record Chunk(CatalogSegment segment, String name, int customers, String firstKey, String lastKey, String file) {
    }
}
