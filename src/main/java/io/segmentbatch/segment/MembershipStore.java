package io.segmentbatch.segment;

import java.util.List;

/**
 * Appends a run's customers and segment members to the database, inside the caller's transaction.
 * PostgreSQL uses {@code COPY}; other databases JDBC batches.
 */
public interface MembershipStore {

    void append(long runNo, List<EvaluatedCustomer> customers);

    /** Adds events to the outbox table, in order. */
    void appendEvents(List<OutboxEvent> events);

    /** The keys among {@code keys} that the run has already stored: what finds a customer ID seen twice. */
    java.util.Set<String> storedKeys(long runNo, List<String> keys);
}
