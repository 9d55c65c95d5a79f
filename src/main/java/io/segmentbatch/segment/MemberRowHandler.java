package io.segmentbatch.segment;

/** Receives the merged member rows of one segment, in identity order, the new side first for each customer. */
@FunctionalInterface
public interface MemberRowHandler {
    /**
     * @param key      the customer's identity
     * @param sourceId the customer's source_id, or null
     * @param hasId    whether {@code key} is a Voucherify customer ID (else it is the source_id)
     * @param newSide  true for a member of this run, false for a member of the baseline run
     */
    void row(String key, String sourceId, boolean hasId, boolean newSide);
}
