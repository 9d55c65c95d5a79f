package io.segmentbatch.segment;

/** Receives the customers who entered or left an event-emitting segment, in segment and identity order. */
@FunctionalInterface
public interface ChangeSink {

    enum Change {
        ENTERED,
        LEFT
    }

    void change(CatalogSegment segment, Change change, MemberInfo member);
}
