package io.segmentbatch.segment;

/**
 * Receives the customers who entered or left an event-emitting segment, in identity order: a customer's entries (by
 * segment bit), then its exits, then the next customer's. Segments compared with an older run than most come after,
 * in a pass of their own.
 */
@FunctionalInterface
public interface ChangeSink {

    enum Change {
        ENTERED,
        LEFT
    }

    void change(CatalogSegment segment, Change change, MemberInfo member);
}
