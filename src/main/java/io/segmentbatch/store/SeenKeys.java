package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 *
 * <p>A blocked filter: all of a key's {@value #BITS_PER_KEY_SET} bits lie in one 64-bit word, set with one atomic OR
 * that also tells whether they were all set already. So a key costs one memory access where a classic filter (Guava's,
 * until 2026-12-05) makes seven to ten, each a cache miss in a filter of megabytes: its {@code put} was 7% of the
 * evaluating threads' CPU on the 1M bench on H2. And no lock: of two threads storing the same key at once, one sets its
 * bits and the other finds them set. At {@value #BITS_PER_KEY} bits per key about one new key in a thousand is a
 * false candidate, as before.
 */
final class SeenKeys {
    static final int MAX_CANDIDATES = 100_000;
    static final int MAX_BITS_MIB = 8;

    static final int BITS_PER_KEY = 24;
    static final int BITS_PER_KEY_SET = 7;

    private static final int MAX_WORDS = MAX_BITS_MIB * 1024 * 1024 / Long.BYTES;
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] words;
    private final Set<String> candidates = new TreeSet<>();
    private volatile boolean overflowed;

    SeenKeys(long expectedKeys) {
        long wanted = Math.max(1_000, expectedKeys) * BITS_PER_KEY / Long.SIZE;
        words = new long[(int) Math.min(wanted, MAX_WORDS)];
    }

    /**
     * Remembers one chunk's keys. A chunk that rolls back leaves its keys here: when stored again they are candidates,
     * which costs a lookup and nothing else.
     */
    void add(String key) {
        if (!overflowed && !put(key)) {
            candidate(key);
        }
    }

    /** Sets the key's bits; false when they were all set already. */
    private boolean put(String key) {
        long hash = hash(key);
        int word = (int) (((hash >>> 32) * words.length) >>> 32);
        // seven positions take 42 bits: from a second mix, not from the 32 low bits left beside the word's
        long bits = mix(hash);
        long mask = 0;
        for (int i = 0; i < BITS_PER_KEY_SET; i++) {
            mask |= 1L << (bits & 63);
            bits >>>= 6;
        }
        long before = (long) WORD.getAndBitwiseOr(words, word, mask);
        return (before & mask) != mask;
    }

    private synchronized void candidate(String key) {
        if (overflowed) {
            return;
        }
        candidates.add(key);
        if (candidates.size() > MAX_CANDIDATES) {
            overflowed = true;
            candidates.clear();
        }
    }

    /** FNV-1a over the key's chars, then mixed: 64 bits of which the upper half picks the word. */
    private static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finalizer: every bit of the result depends on every bit of {@code h}. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The keys that may have been stored more than once, in key order; null when there were too many to keep. */
    synchronized @Nullable List<String> candidates() {
        return overflowed ? null : List.copyOf(candidates);
    }
}
