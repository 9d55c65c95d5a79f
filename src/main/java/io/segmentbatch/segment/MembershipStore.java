package io.segmentbatch.segment;

import java.util.List;

/**
 * Appends a run's customers and segment members to the database, inside the caller's transaction.
 * PostgreSQL uses {@code COPY}; other databases JDBC batches.
 */
public interface MembershipStore {

    /** Makes room for a run's members (a partition on PostgreSQL); safe to call again on restart. */
    void prepareRun(long runNo);

    /** Indexes a run's members once they are all loaded; safe to call again. */
    void indexRun(long runNo);

    /** Removes a run's members and customers. */
    void dropRun(long runNo);

    void append(long runNo, List<EvaluatedCustomer> customers);

    /** Adds events to the outbox table, in order. */
    void appendEvents(List<OutboxEvent> events);

    /**
     * Streams a segment's members of run {@code runNo} and of its baseline run (or none when null), merged in
     * identity order with the new side first for each customer.
     */
    void mergeMembers(long runNo, Long baselineRunNo, long segNo, MemberRowHandler handler);

    /** The keys among {@code keys} that the run has already stored: what finds a customer ID seen twice. */
    java.util.Set<String> storedKeys(long runNo, List<String> keys);
}
