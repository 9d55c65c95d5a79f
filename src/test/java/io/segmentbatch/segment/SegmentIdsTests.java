package io.segmentbatch.segment;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentIdsTests {

    @Test
    void newSegmentIdsAreVoucherifyShapedAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = SegmentIds.newSegmentId();
            assertThat(id).matches("seg_[A-Za-z0-9]{24}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void everyLetterAndDigitIsAsLikely() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        int[] counts = new int[128];
        for (int i = 0; i < 20_000; i++) {
            SegmentIds.random("").chars().forEach(c -> counts[c]++);
        }
        // 480,000 letters: about 7,742 each, 88 of standard deviation; a letter drawn twice as often (a remainder
        // of 64 by 62) would be far outside
        for (char c : alphabet.toCharArray()) {
            assertThat(counts[c]).as("count of %s", c).isBetween(7_200, 8_300);
        }
    }

    @Test
    void anEventIdIsTheSameWhenTheSameRunEmitsTheSameChangeAgain() {
        String first = SegmentIds.derived("evcus_", "run_1", "seg_A", "customer.segment.entered", "cust_1");
        assertThat(SegmentIds.derived("evcus_", "run_1", "seg_A", "customer.segment.entered", "cust_1"))
                .isEqualTo(first);
        assertThat(first).matches("evcus_[A-Za-z0-9]{24}");
        // any part that differs gives another ID, also where parts would read the same glued together
        assertThat(SegmentIds.derived("evcus_", "run_2", "seg_A", "customer.segment.entered", "cust_1"))
                .isNotEqualTo(first);
        assertThat(SegmentIds.derived("evcus_", "run_1", "seg_A", "customer.segment.left", "cust_1"))
                .isNotEqualTo(first);
        assertThat(SegmentIds.derived("evcus_", "run_1", "seg_Acust_1", "customer.segment.entered", ""))
                .isNotEqualTo(SegmentIds.derived("evcus_", "run_1", "seg_A", "customer.segment.entered", "cust_1"));
    }

    @Test
    void aDeriverReusedForManyEventsGivesEachTheIdOfItsOwn() {
        SegmentIds.Deriver deriver = new SegmentIds.Deriver();
        for (int i = 0; i < 100; i++) {
            assertThat(deriver.derive("evcus_", "run_1", "seg_A", "customer.segment.entered", "cust_" + i))
                    .isEqualTo(SegmentIds.derived("evcus_", "run_1", "seg_A", "customer.segment.entered", "cust_" + i));
        }
        byte[] leading = SegmentIds.Deriver.leading("run_1", "seg_A", "customer.segment.entered");
        for (String customer : new String[] {"cust_1", "", "Łódź-ü-🙂", "a\0b", "x".repeat(300)}) {
            assertThat(deriver.derive("evcus_", leading, customer))
                    .isEqualTo(SegmentIds.derived("evcus_", "run_1", "seg_A", "customer.segment.entered", customer));
        }
        // pinned: a run restarted after an upgrade re-emits its events under the IDs it gave them before
        assertThat(deriver.derive("evcus_", "run_1", "seg_A", "customer.segment.entered", "cust_1"))
                .isEqualTo("evcus_xz3Fytw5jfr55ec3O67aG6XZ");
    }
}
