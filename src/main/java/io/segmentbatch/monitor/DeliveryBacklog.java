package io.segmentbatch.monitor;

/**
 * The extension point for destinations: a bean of this type per job and destination becomes the gauge
 * {@code segment_batch.delivery.backlog{job_name, destination}} (Prometheus: {@code segment_batch_delivery_backlog}), read
 * at every scrape. Today no destination exists and {@code sb_event} has no delivery state, so no bean does.
 */
public interface DeliveryBacklog {

    String job();

    String destination();

    /** Events (or segment changes) waiting to be delivered to this destination now. */
    long pendingEvents();
}
