package io.segmentbatch.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ordered merge of a run's customers with its baseline's: members go to their part files, and who entered and
 * who left falls out of the same pass, per segment, in identity order.
 */
class RunPublisherTests {
    private static final long BASELINE = 1;
    private static final long RUN = 2;
    private static final CatalogSegment WARSAW = PartFilesTests.segment(1, "seg_warsaw", "Warsaw");
    private static final CatalogSegment VIP = PartFilesTests.segment(2, "seg_vip", "VIP");

    @TempDir
    Path runFolder;

    private final Map<Long, List<StoredCustomer>> stored = new HashMap<>();
    private final List<String> changes = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private final RunPublisher publisher = new RunPublisher(new Sources());

    @Test
    void aFirstEvaluationWritesTheMembersAndAnnouncesEveryoneAsEntered() throws IOException {
        stored.put(RUN, List.of(customer("cust_a", 1), customer("cust_b", 0), customer("cust_c", 1)));

        List<SegmentOutcome> outcomes = publish(2, planned(WARSAW, 0, null, -1, true));

        assertOutcome(outcomes.get(0), 2, 2, 0, 2);
        assertThat(changes).containsExactly("Warsaw ENTERED cust_a", "Warsaw ENTERED cust_c");
        assertThat(memberLines(outcomes.get(0))).containsExactly("cust_a,src_cust_a", "cust_c,src_cust_c");
        assertThat(publisher.customers())
                .as("the run's customers, cust_b in no segment too")
                .isEqualTo(3);
    }

    @Test
    void againstItsBaselineOnlyChangesAreAnnouncedInIdentityOrder() throws IOException {
        stored.put(BASELINE, List.of(customer("cust_a", 1), customer("cust_b", 1), customer("cust_d", 1)));
        stored.put(
                RUN,
                List.of(customer("cust_b", 1), customer("cust_c", 1), customer("cust_d", 0), customer("cust_e", 1)));

        List<SegmentOutcome> outcomes = publish(2, planned(WARSAW, 0, BASELINE, 0, true));

        assertOutcome(outcomes.get(0), 3, 2, 2, 4);
        assertThat(changes)
                .containsExactly(
                        "Warsaw LEFT cust_a", "Warsaw ENTERED cust_c", "Warsaw LEFT cust_d", "Warsaw ENTERED cust_e");
        assertThat(publisher.customers()).as("the run's, not its baseline's").isEqualTo(4);
        assertThat(outcomes.get(0).parts())
                .extracting(SegmentOutcome.Part::name)
                .containsExactly("Warsaw (1/2)", "Warsaw (2/2)");
        assertThat(memberLines(outcomes.get(0)))
                .containsExactly("cust_b,src_cust_b", "cust_c,src_cust_c", "cust_e,src_cust_e");
    }

    @Test
    void thousandsOfChangesReachTheSinkInTheMergesOrder() {
        // more changes than the publisher hands the sink at a time: each customer enters one segment and leaves the
        // other, so the order of the two within a customer shows too
        List<StoredCustomer> before = new ArrayList<>();
        List<StoredCustomer> now = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String key = String.format("cust_%05d", i);
            before.add(customer(key, i % 2 == 0 ? 0b10 : 0b01));
            now.add(customer(key, i % 2 == 0 ? 0b01 : 0b10));
            expected.add((i % 2 == 0 ? "Warsaw" : "VIP") + " ENTERED " + key);
            expected.add((i % 2 == 0 ? "VIP" : "Warsaw") + " LEFT " + key);
        }
        stored.put(BASELINE, before);
        stored.put(RUN, now);

        List<SegmentOutcome> outcomes =
                publish(20000, planned(WARSAW, 0, BASELINE, 0, true), planned(VIP, 1, BASELINE, 1, true));

        assertOutcome(outcomes.get(0), 1250, 1250, 1250, 2500);
        assertOutcome(outcomes.get(1), 1250, 1250, 1250, 2500);
        assertThat(changes).containsExactlyElementsOf(expected);
    }

    @Test
    void aSegmentsBitInTheBaselineMayDifferFromItsBitInTheRun() {
        // Warsaw was bit 1 of the baseline (bit 0 was a segment since removed); it is bit 0 now
        stored.put(BASELINE, List.of(customer("cust_a", 0b01), customer("cust_b", 0b10)));
        stored.put(RUN, List.of(customer("cust_a", 0b0), customer("cust_b", 0b1)));

        List<SegmentOutcome> outcomes = publish(10, planned(WARSAW, 0, BASELINE, 1, true));

        assertOutcome(outcomes.get(0), 1, 0, 0, 0);
        assertThat(changes).isEmpty();
    }

    @Test
    void aPassiveSegmentCountsItsChangesButAnnouncesNone() {
        stored.put(BASELINE, List.of(customer("cust_a", 0b11)));
        stored.put(RUN, List.of(customer("cust_b", 0b11)));

        List<SegmentOutcome> outcomes =
                publish(10, planned(WARSAW, 0, BASELINE, 0, true), planned(VIP, 1, BASELINE, 1, false));

        assertOutcome(outcomes.get(0), 1, 1, 1, 2);
        assertOutcome(outcomes.get(1), 1, 1, 1, 0);
        assertThat(changes)
                .as("per customer, in identity order")
                .containsExactly("Warsaw LEFT cust_a", "Warsaw ENTERED cust_b");
    }

    @Test
    void aSegmentWhoseBaselineIsAnotherRunIsComparedWithThatRun() throws IOException {
        long older = 7;
        stored.put(BASELINE, List.of(customer("cust_a", 0b1), customer("cust_b", 0b1)));
        stored.put(older, List.of(customer("cust_b", 0b1), customer("cust_c", 0b1)));
        stored.put(RUN, List.of(customer("cust_a", 0b11), customer("cust_b", 0b01), customer("cust_c", 0b10)));

        List<SegmentOutcome> outcomes =
                publish(10, planned(WARSAW, 0, BASELINE, 0, true), planned(VIP, 1, older, 0, true));

        assertOutcome(outcomes.get(0), 2, 0, 0, 0);
        // VIP: was b, c in run 7; is a, c now
        assertOutcome(outcomes.get(1), 2, 1, 1, 2);
        assertThat(changes).containsExactly("VIP ENTERED cust_a", "VIP LEFT cust_b");
        assertThat(memberLines(outcomes.get(1))).containsExactly("cust_a,src_cust_a", "cust_c,src_cust_c");
        assertThat(publisher.customers())
                .as("the run's customers once, though its customers are read again for the other baseline")
                .isEqualTo(3);
    }

    @Test
    void keysBeyondUPlusFfffMergeInCodePointOrder() {
        // code point order: U+E000 < U+FFFD < U+1F600; String.compareTo would put the emoji (a surrogate pair) first
        List<StoredCustomer> customers = List.of(customer("k\uE000", 1), customer("k\uFFFD", 1), customer("k😀", 1));
        assertThat(customers).extracting(StoredCustomer::key).isSortedAccordingTo(Identities.ORDER);
        stored.put(BASELINE, customers);
        stored.put(RUN, customers);

        List<SegmentOutcome> outcomes = publish(10, planned(WARSAW, 0, BASELINE, 0, true));

        assertOutcome(outcomes.get(0), 3, 0, 0, 0);
        assertThat(changes).isEmpty();
    }

    @Test
    void aJobsStaticSegmentListsItsCustomersInIdentityOrderWithTheSourceIdsTheRunRead() throws IOException {
        stored.put(RUN, List.of(customer("cust_b", 0)));
        CatalogSegment beta = PartFilesTests.segment(3, "seg_beta", "Beta");

        List<SegmentOutcome> outcomes =
                publish(10, new RunPublisher.Planned(beta, -1, null, -1, false, List.of("cust_x", "cust_b", "cust_x")));

        SegmentOutcome outcome = outcomes.get(0);
        assertThat(outcome.members()).isEqualTo(2);
        assertThat(outcome.parts()).isEmpty();
        assertThat(outcome.file()).isEqualTo("segments/seg_beta.csv");
        assertThat(Files.readAllLines(runFolder.resolve(outcome.file())))
                .containsExactly("id,source_id", "cust_b,src_cust_b", "cust_x,");
    }

    @Test
    void namesAndEmailsAreReadOnlyWhenAChangeCanBecomeAnEvent() {
        stored.put(BASELINE, List.of(customer("cust_a", 1)));
        stored.put(RUN, List.of(customer("cust_b", 1)));

        publish(10, planned(WARSAW, 0, null, -1, false), planned(VIP, 1, null, -1, false));
        assertThat(reads).containsExactly("run 2 without contacts");

        reads.clear();
        publish(10, planned(WARSAW, 0, BASELINE, 0, false), planned(VIP, 1, BASELINE, 1, true));
        assertThat(reads).containsExactly("run 2 with contacts", "run 1 with contacts");
    }

    @Test
    void moreThan128FilterSegmentsAreRefused() {
        stored.put(RUN, List.of());
        assertThatThrownBy(() -> publish(10, planned(WARSAW, 128, null, -1, true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("128");
    }

    private List<SegmentOutcome> publish(int partSize, RunPublisher.Planned... plan) {
        return publisher.publish(
                RUN,
                runFolder,
                partSize,
                List.of(plan),
                (segment, change, member) -> changes.add(segment.name() + " " + change + " " + member.key()));
    }

    private static RunPublisher.Planned planned(
            CatalogSegment segment, int bit, Long baselineRunNo, int baselineBit, boolean events) {
        return new RunPublisher.Planned(segment, bit, baselineRunNo, baselineBit, events, null);
    }

    private static StoredCustomer customer(String key, long m0) {
        return new StoredCustomer(key, key, "src_" + key, null, null, m0, 0);
    }

    private static void assertOutcome(SegmentOutcome outcome, long members, long entered, long left, long events) {
        assertThat(outcome.members()).as(outcome.segment().name() + " members").isEqualTo(members);
        assertThat(outcome.entered()).as(outcome.segment().name() + " entered").isEqualTo(entered);
        assertThat(outcome.left()).as(outcome.segment().name() + " left").isEqualTo(left);
        assertThat(outcome.eventsEmitted())
                .as(outcome.segment().name() + " events")
                .isEqualTo(events);
        assertThat(outcome.parts().stream()
                        .mapToLong(SegmentOutcome.Part::customers)
                        .sum())
                .isEqualTo(members);
    }

    private List<String> memberLines(SegmentOutcome outcome) throws IOException {
        List<String> lines = new ArrayList<>();
        for (SegmentOutcome.Part chunk : outcome.parts()) {
            List<String> file = Files.readAllLines(runFolder.resolve(chunk.file()));
            assertThat(file.get(0)).isEqualTo("id,source_id");
            lines.addAll(file.subList(1, file.size()));
        }
        return lines;
    }

    /** Runs held in memory; parts of a segment are static segments named after it. */
    private final class Sources implements RunPublisher.Sources {
        private final Map<String, CatalogSegment> parts = new LinkedHashMap<>();

        @Override
        public CustomerCursor sorted(long runNo, boolean contacts) {
            reads.add("run " + runNo + (contacts ? " with contacts" : " without contacts"));
            Iterator<StoredCustomer> customers =
                    stored.getOrDefault(runNo, List.of()).iterator();
            return new CustomerCursor() {
                @Override
                public StoredCustomer next() {
                    return customers.hasNext() ? customers.next() : null;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public CatalogSegment part(CatalogSegment parent, int k) {
            return parts.computeIfAbsent(
                    parent.id() + "_" + k,
                    id -> new CatalogSegment(
                            1000 + parts.size(),
                            id,
                            parent.name() + " part " + k,
                            SegmentType.STATIC,
                            parent.createdAt(),
                            null));
        }

        @Override
        public Map<String, StoredCustomer> find(long runNo, List<String> keys) {
            Map<String, StoredCustomer> found = new HashMap<>();
            stored.getOrDefault(runNo, List.of()).stream()
                    .filter(c -> keys.contains(c.key()))
                    .forEach(c -> found.put(c.key(), c));
            return found;
        }
    }
}
