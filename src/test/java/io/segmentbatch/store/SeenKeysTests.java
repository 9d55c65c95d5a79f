package io.segmentbatch.store;

import io.segmentbatch.segment.EvaluatedCustomer;
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

        seen.add(customers(0, 1_000));
        seen.add(List.of(customer("cust_500"), customer("new_1"), customer("new_1")));

        assertThat(seen.candidates()).containsExactly("cust_500", "new_1");
    }

    @Test
    void aKeyStoredByTwoThreadsAtOnceIsStillACandidate() {
        SeenKeys seen = new SeenKeys(100_000);
        List<List<EvaluatedCustomer>> chunks = IntStream.range(0, 200)
                .mapToObj(chunk -> customers(chunk * 100, chunk * 100 + 100))
                .toList();

        // both threads store the same 20,000 keys, chunk by chunk, at the same time
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> chunks.forEach(seen::add));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> chunks.forEach(seen::add));
        CompletableFuture.allOf(first, second).join();

        assertThat(seen.candidates()).hasSize(20_000);
    }

    @Test
    void aboutOneNewKeyInAThousandIsAFalseCandidate() {
        SeenKeys seen = new SeenKeys(400_000);
        seen.add(customers(0, 200_000));

        seen.add(customers(1_000_000, 1_200_000));

        // 24 bits a key, 7 of them in one word: about 90 of these 400,000 keys (a simulation with random bits); the
        // hash is fixed, so this never flakes
        assertThat(seen.candidates()).hasSizeBetween(1, 400);
    }

    @Test
    void aFilterSizedForFewKeysStillFindsEveryKeyStoredTwice() {
        SeenKeys seen = new SeenKeys(10);
        seen.add(customers(0, 5_000));

        seen.add(customers(0, 5_000));

        assertThat(seen.candidates()).hasSize(5_000);
    }

    @Test
    void pastTheLimitOfCandidatesItGivesUpRatherThanGrow() {
        SeenKeys seen = new SeenKeys(1_000);
        List<EvaluatedCustomer> many = customers(0, SeenKeys.MAX_CANDIDATES + 1);

        seen.add(many);
        seen.add(many);

        assertThat(seen.candidates()).as("the table is grouped instead").isNull();
    }

    private static List<EvaluatedCustomer> customers(int from, int to) {
        List<EvaluatedCustomer> customers = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            customers.add(customer("cust_" + i));
        }
        return customers;
    }

    private static EvaluatedCustomer customer(String key) {
        return new EvaluatedCustomer(key, key, null, null, null, 0L, 0L, 0, 2L, 1);
    }
}
