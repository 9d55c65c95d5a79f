package io.segmentbatch.job;

/**
 * Which events a run stores in the outbox ({@code sb_event}), set by {@code segment-batch.events.outbox}. The
 * outbox is what destinations deliver from; {@code events.ndjson} always has every event.
 */
public enum OutboxScope {
    /** The types that the job's webhook and RabbitMQ destinations deliver; none when it has none (the default). */
    DESTINATIONS,
    /** Every event, for a consumer that reads {@code sb_event} itself. */
    ALL;

    /** The property's value: {@code destinations} or {@code all}. */
    static OutboxScope of(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "destinations" -> DESTINATIONS;
            case "all" -> ALL;
            default ->
                throw new IllegalArgumentException(
                        "segment-batch.events.outbox must be 'destinations' or 'all', not '" + value + "'");
        };
    }
}
