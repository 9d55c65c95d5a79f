package io.segmentbatch.segment;

import java.util.Objects;

/**
 * A customer after evaluation: what the stores keep of them, and the segments they belong to.
 *
 * @param key    the identity ({@code id}, else {@code source_id})
 * @param segNos the internal numbers of the segments whose filters matched
 */
public record EvaluatedCustomer(String key, String id, String sourceId, String name, String email, long[] segNos) {
    public EvaluatedCustomer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(segNos, "segNos");
    }
}
