package io.segmentbatch.store;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import io.segmentbatch.segment.EvaluatedCustomer;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys one run has stored, remembered as they are stored, so that the dedupe step looks up only the keys that may
 * have come twice instead of grouping the whole table. A Bloom filter: a key it has not seen is certainly new, a key
 * it may have seen is a candidate, which the dedupe step checks against the table. Its size is fixed when the run
 * starts, from the size of the input, so memory does not grow with the number of customers (at most {@value
 * #MAX_BITS_MIB} MiB). Past {@value #MAX_CANDIDATES} candidates (an input far larger than its size suggested, or one
 * full of duplicates) it gives up, and the dedupe step groups the table as it does without one.
 */
final class SeenKeys {
    static final int MAX_CANDIDATES = 100_000;
    static final int MAX_BITS_MIB = 8;

    private static final double FALSE_POSITIVES = 0.001;
    // at one false positive in a thousand a filter takes 14.4 bits per key
    private static final long MAX_KEYS = MAX_BITS_MIB * 8L * 1024 * 1024 * 10 / 144;

    private final BloomFilter<CharSequence> filter;
    private final Set<String> candidates = new TreeSet<>();
    private boolean overflowed;

    SeenKeys(long expectedKeys) {
        filter = BloomFilter.create(
                Funnels.unencodedCharsFunnel(), Math.max(1_000, Math.min(expectedKeys, MAX_KEYS)), FALSE_POSITIVES);
    }

    /**
     * Remembers one chunk's keys. A chunk at a time: two threads storing the same key at the same moment could each
     * find it new otherwise. A chunk that rolls back leaves its keys here: when stored again they are candidates,
     * which costs a lookup and nothing else.
     */
    synchronized void add(List<? extends EvaluatedCustomer> customers) {
        if (overflowed) {
            return;
        }
        for (EvaluatedCustomer c : customers) {
            if (!filter.put(c.key())) {
                candidates.add(c.key());
                if (candidates.size() > MAX_CANDIDATES) {
                    overflowed = true;
                    candidates.clear();
                    return;
                }
            }
        }
    }

    /** The keys that may have been stored more than once, in key order; null when there were too many to keep. */
    synchronized @Nullable List<String> candidates() {
        return overflowed ? null : List.copyOf(candidates);
    }
}
