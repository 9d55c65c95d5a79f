package io.segmentbatch.segment;

/**
 * A customer as a run stored it: identity, what static segment files and events show, and the segments it
 * matched as a bitmap over the run's segment bits ({@code m0}: bits 0-63, {@code m1}: bits 64-127).
 */
public record StoredCustomer(String key, String id, String sourceId, String name, String email, long m0, long m1) {

    public boolean has(int bit) {
        return ((bit < 64 ? m0 : m1) & (1L << (bit & 63))) != 0;
    }

    /** The source_id that files, events and the API show: its own, or for a customer with no id the one it goes by. */
    public String shownSourceId() {
        return id == null ? (sourceId != null ? sourceId : key) : sourceId;
    }

    MemberInfo member() {
        return new MemberInfo(key, id, shownSourceId(), name, email);
    }
}
