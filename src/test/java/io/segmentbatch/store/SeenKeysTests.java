package io.segmentbatch.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeenKeysTests {

    @Test
    void aKeyStoredTwiceIsACandidateAndKeysStoredOnceAreNot() {
        SeenKeys seen = new SeenKeys(10_000);

        add(seen, keys(0, 1_000));
        add(seen, List.of("cust_500", "new_1", "new_1"));

        assertThat(seen.candidates()).containsExactly("cust_500", "new_1");
    }

    @Test
    void aKeyStoredByTwoThreadsAtOnceIsStillACandidate() {
        SeenKeys seen = new SeenKeys(100_000);
        List<List<String>> chunks = IntStream.range(0, 200)
                .mapToObj(chunk -> keys(chunk * 100, chunk * 100 + 100))
                .toList();

        // both threads store the same 20,000 keys, chunk by chunk, at the same time
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> chunks.forEach(chunk -> add(seen, chunk)));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> chunks.forEach(chunk -> add(seen, chunk)));
        CompletableFuture.allOf(first, second).join();

        assertThat(seen.candidates()).hasSize(20_000);
    }

    @Test
    void aboutOneNewKeyInAThousandIsAFalseCandidate() {
        SeenKeys seen = new SeenKeys(400_000);
        add(seen, keys(0, 200_000));

        add(seen, keys(1_000_000, 1_200_000));

        // 24 bits a key, 7 of them in one word: about 90 of these 400,000 keys (a simulation with random bits); the
        // hash is fixed, so this never flakes
        assertThat(seen.candidates()).hasSizeBetween(1, 400);
    }

    @Test
    void aFilterSizedForFewKeysStillFindsEveryKeyStoredTwice() {
        SeenKeys seen = new SeenKeys(10);
        add(seen, keys(0, 5_000));

        add(seen, keys(0, 5_000));

        assertThat(seen.candidates()).hasSize(5_000);
    }

    @Test
    void pastTheLimitOfCandidatesItGivesUpRatherThanGrow() {
        SeenKeys seen = new SeenKeys(1_000);
        List<String> many = keys(0, SeenKeys.MAX_CANDIDATES + 1);

        add(seen, many);
        add(seen, many);

        assertThat(seen.candidates()).as("the table is grouped instead").isNull();
    }

    /** Adds the keys as a chunk adds them, one at a time. */
    private static void add(SeenKeys seen, List<String> keys) {
        keys.forEach(seen::add);
    }

    private static List<String> keys(int from, int to) {
        List<String> keys = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            keys.add("cust_" + i);
        }
        return keys;
    }
}
