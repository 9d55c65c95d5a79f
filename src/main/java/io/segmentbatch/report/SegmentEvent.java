package io.segmentbatch.report;

/**
 * The two event types of {@code events.ndjson}. {@link EventLines} writes an event's line, in the shape of the
 * spec: {@code id, type, created_at, group_id, data: {customer: {…}, segment: {…}}}.
 */
public final class SegmentEvent {
    public static final String ENTERED = "customer.segment.entered";
    public static final String LEFT = "customer.segment.left";

    private SegmentEvent() {}
}
