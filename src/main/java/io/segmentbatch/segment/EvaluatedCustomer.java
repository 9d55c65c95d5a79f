package io.segmentbatch.segment;

import java.util.Objects;

/**
 * A customer after evaluation: what the store keeps of them, the segments they matched (a bitmap over the run's
 * segment bits), and where the record stands in the input (to find a customer ID seen twice, first one wins).
 *
 * @param key    the identity ({@code id}, else {@code source_id})
 * @param m0     segment bits 0-63
 * @param m1     segment bits 64-127
 * @param fileNo the input file's index in the run's file list
 * @param line   the physical line the record starts on
 * @param lines  the physical lines the record spans
 */
public record EvaluatedCustomer(
        String key,
        String id,
        String sourceId,
        String name,
        String email,
        long m0,
        long m1,
        int fileNo,
        long line,
        int lines) {
    public EvaluatedCustomer {
        Objects.requireNonNull(key, "key");
    }
}
