package io.segmentbatch.segment;

/**
 * A customer as a run stored it: identity, what static segment files and events show, and the segments it
 * matched as a bitmap over the run's segment bits ({@code m0}: bits 0-63, {@code m1}: bits 64-127).
 */
public record StoredCustomer(String key, String id, String sourceId, String name, String email, long m0, long m1) {

    public boolean has(int bit) {
        return ((bit < 64 ? m0 : m1) & (1L << (bit & 63))) != 0;
    }

    MemberInfo member() {
        return new MemberInfo(key, id, id == null ? (sourceId != null ? sourceId : key) : sourceId, name, email);
    }
}
