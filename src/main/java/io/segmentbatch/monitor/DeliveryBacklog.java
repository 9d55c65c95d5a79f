package io.segmentbatch.monitor;

/**
 * The extension point for destinations: a bean of this type per job and destination becomes the gauge
 * {@code segment_batch.delivery.backlog{job_name, destination}} (Prometheus: {@code segment_batch_delivery_backlog}), read
 * at every scrape. The webhook and rabbitmq destinations of the job files get theirs from {@code RunMetrics} (pending
 * deliveries); a bean of this type adds another.
 */
public interface DeliveryBacklog {

    String job();

    String destination();

    /** Events (or segment changes) waiting to be delivered to this destination now. */
    long pendingEvents();
}
