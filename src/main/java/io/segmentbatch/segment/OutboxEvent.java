package io.segmentbatch.segment;

import java.time.Instant;

/** A row of the events outbox: the event's JSON and what a consumer filters it by. */
public record OutboxEvent(
        String id,
        String runId,
        String segmentId,
        String type,
        String customerKey,
        Instant createdAt,
        String payload) {}
