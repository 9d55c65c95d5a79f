package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What a run produced for one segment.
 *
 * @param parts  the static segments cut from a filter segment (empty for a static segment)
 * @param file   for a static segment, its members file relative to the run folder
 */
public record SegmentOutcome(
        CatalogSegment segment,
        long members,
        long entered,
        long left,
        long eventsEmitted,
        List<Part> parts,
        @Nullable String file) {

    /** This outcome with {@code replaced} as its parts. */
    public SegmentOutcome withParts(List<Part> replaced) {
        return new SegmentOutcome(segment, members, entered, left, eventsEmitted, replaced, file);
    }

    /**
     * One static segment cut from a filter segment: a range of the run's customers in identity order.
     *
     * @param anchors the keys of its members number {@value #ANCHOR_EVERY}, 2 × that, … (from 0), so that a page
     *                deep into it starts from a key instead of skipping members one by one
     */
    public record Part(
            CatalogSegment segment,
            @Nullable String name,
            int customers,
            String firstKey,
            String lastKey,
            String file,
            java.util.List<String> anchors) {
        public static final int ANCHOR_EVERY = 1000;

        public Part {
            anchors = anchors == null ? java.util.List.of() : java.util.List.copyOf(anchors);
        }

        /** This part, held by {@code held} (the same part once it is stored). */
        public Part withSegment(CatalogSegment held) {
            return new Part(held, name, customers, firstKey, lastKey, file, anchors);
        }
    }
}
