package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a run in one ordered pass over its customers (one row each, with the bitmap of the segments it
 * matched), merged with the customers of the baseline run: every filter segment's members are cut into static
 * segment files as they stream by, and who entered and who left every segment falls out of the same merge. No
 * segment's membership is held in memory. Segments whose baseline is another run than most (a segment added or
 * re-added later) get a merge pass of their own, for their changes only.
 */
public final class RunPublisher {

    /**
     * One segment to publish.
     *
     * @param bit           the segment's bit in the run's bitmaps (-1 for a job's static segment)
     * @param baselineRunNo the run whose members are this segment's current ones, or null (first evaluation)
     * @param baselineBit   the segment's bit in that run's bitmaps
     * @param emitEvents    whether entered/left customers go to the change sink
     * @param customers     for a job's static segment, the customers it lists
     */
    public record Planned(
            CatalogSegment segment,
            int bit,
            @Nullable Long baselineRunNo,
            int baselineBit,
            boolean emitEvents,
            List<String> customers) {}

    /** What the publisher reads from and writes to. */
    public interface Sources {
        /**
         * A run's customers in identity order; with {@code contacts} false, without their names and emails (null),
         * which only events show.
         */
        CustomerCursor sorted(long runNo, boolean contacts);

        /**
         * The static segment holding part {@code k} of a filter segment: the one earlier runs cut, or a new one whose
         * ID names its file from now on (the caller stores the new ones once the pass is over).
         */
        CatalogSegment part(CatalogSegment parent, int k);

        /** The run's stored customers among {@code keys}, by key. */
        Map<String, StoredCustomer> find(long runNo, List<String> keys);
    }

    private final Sources sources;

    /** The run's customers the last publish's ordered pass read. */
    private long customers;

    public RunPublisher(Sources sources) {
        this.sources = sources;
    }

    /**
     * The number of customers the run stored, counted by the last {@link #publish}'s ordered pass: the report's
     * count without a query of its own (on H2 a {@code COUNT(*)} of the 1M bench's run took 0.35 s).
     */
    public long customers() {
        return customers;
    }

    public List<SegmentOutcome> publish(long runNo, Path runFolder, int partSize, List<Planned> plan, ChangeSink sink) {
        try (FileWrites writes = new FileWrites()) {
            List<SegmentOutcome> outcomes = publish(runNo, runFolder, partSize, plan, sink, writes);
            writes.finish();
            return outcomes;
        }
    }

    private List<SegmentOutcome> publish(
            long runNo, Path runFolder, int partSize, List<Planned> plan, ChangeSink sink, FileWrites writes) {
        Map<Integer, Planned> byBit = new LinkedHashMap<>();
        Map<Integer, PartFiles> files = new LinkedHashMap<>();
        Tally tally = new Tally();
        for (Planned planned : plan) {
            if (planned.bit() >= 0) {
                if (planned.bit() > 127) {
                    throw new IllegalStateException("a run evaluates at most 128 filter segments");
                }
                byBit.put(planned.bit(), planned);
                files.put(
                        planned.bit(),
                        new PartFiles(
                                runFolder,
                                planned.segment(),
                                k -> sources.part(planned.segment(), k),
                                partSize,
                                writes));
            }
        }
        Map<Long, List<Planned>> byBaseline = new LinkedHashMap<>();
        for (Planned planned : byBit.values()) {
            if (planned.baselineRunNo() != null) {
                byBaseline
                        .computeIfAbsent(planned.baselineRunNo(), run -> new ArrayList<>())
                        .add(planned);
            }
        }
        Long main = byBaseline.entrySet().stream()
                .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()))
                .map(Map.Entry::getKey)
                .orElse(null);
        List<Planned> firstTime =
                byBit.values().stream().filter(p -> p.baselineRunNo() == null).toList();
        List<Planned> compared = new ArrayList<>(firstTime);
        if (main != null) {
            compared.addAll(byBaseline.get(main));
        }
        customers = merge(runNo, main, compared, byBit, files, tally, sink);
        byBaseline.forEach((baseline, segments) -> {
            if (!baseline.equals(main)) {
                merge(runNo, baseline, segments, byBit, null, tally, sink);
            }
        });
        List<SegmentOutcome> outcomes = new ArrayList<>(plan.size());
        for (Planned planned : plan) {
            outcomes.add(
                    planned.bit() >= 0
                            ? outcome(planned, java.util.Objects.requireNonNull(files.get(planned.bit())), tally)
                            : staticSegment(runNo, runFolder, planned, writes));
        }
        return outcomes;
    }

    /**
     * One ordered merge of the run's customers with the baseline's (none when null): members of every segment go
     * to their files when {@code files} is given; changes are counted and emitted for the {@code compared} segments.
     * Returns the number of the run's customers it read.
     */
    // NullAway cannot follow the merge's invariants: partFiles is set when files is, a customer with entered bits
    // is on the new side (now) and one with left bits on the old side (before), and byBit holds every set bit
    @SuppressWarnings("NullAway")
    private long merge(
            long runNo,
            @Nullable Long baselineRunNo,
            List<Planned> compared,
            Map<Integer, Planned> byBit,
            @Nullable Map<Integer, PartFiles> files,
            Tally tally,
            ChangeSink sink) {
        int[] oldToNew = new int[128];
        java.util.Arrays.fill(oldToNew, -1);
        Bits comparedMask = new Bits();
        Bits baselineMask = new Bits();
        for (Planned planned : compared) {
            comparedMask.set(planned.bit());
            if (planned.baselineRunNo() != null) {
                oldToNew[planned.baselineBit()] = planned.bit();
                baselineMask.set(planned.bit());
            }
        }
        // by bit in arrays: a boxed map lookup per membership change led the publish profile (JFR)
        Planned[] plannedByBit = new Planned[128];
        byBit.forEach((bit, segment) -> plannedByBit[bit] = segment);
        PartFiles[] partFiles = files == null ? null : new PartFiles[128];
        if (files != null) {
            files.forEach((bit, segmentFiles) -> partFiles[bit] = segmentFiles);
        }
        // names and emails are read only when a change can become an event: a first run with no initial events
        // reads a third less from the store (1M bench on PostgreSQL: publish 1.7-1.9 s against 2.1-2.2 s)
        boolean contacts = compared.stream().anyMatch(Planned::emitEvents);
        Changes changes = new Changes(sink);
        // each read ahead on a thread of its own (ReadAheadCursor): this thread routes the members to their files
        try (CustomerCursor fresh = new ReadAheadCursor(sources.sorted(runNo, contacts), "publish-read-run");
                CustomerCursor old = baselineRunNo == null
                        ? CustomerCursor.empty()
                        : new ReadAheadCursor(sources.sorted(baselineRunNo, contacts), "publish-read-baseline")) {
            long read = 0;
            StoredCustomer n = fresh.next();
            StoredCustomer o = old.next();
            while (n != null || o != null) {
                int order = n == null ? 1 : o == null ? -1 : Identities.compare(n.key(), o.key());
                StoredCustomer now = order <= 0 ? n : null;
                if (now != null) {
                    read++;
                }
                StoredCustomer before = order >= 0 ? o : null;
                if (partFiles != null && now != null && (now.m0() | now.m1()) != 0) {
                    MemberInfo member = now.member();
                    byte[] line = PartFiles.line(member);
                    forEachBit(now.m0(), now.m1(), bit -> {
                        PartFiles segmentFiles = partFiles[bit];
                        if (segmentFiles != null) {
                            segmentFiles.add(member, line);
                            tally.members[bit]++;
                        }
                    });
                }
                long was0 = 0;
                long was1 = 0;
                if (before != null) {
                    long[] mapped = map(before, oldToNew);
                    was0 = mapped[0];
                    was1 = mapped[1];
                }
                long is0 = now == null ? 0 : now.m0();
                long is1 = now == null ? 0 : now.m1();
                long entered0 = is0 & ~was0 & comparedMask.m0;
                long entered1 = is1 & ~was1 & comparedMask.m1;
                long left0 = was0 & ~is0 & baselineMask.m0;
                long left1 = was1 & ~is1 & baselineMask.m1;
                if ((entered0 | entered1) != 0) {
                    MemberInfo member = now.member();
                    forEachBit(
                            entered0,
                            entered1,
                            bit -> change(plannedByBit[bit], ChangeSink.Change.ENTERED, member, tally, changes));
                }
                if ((left0 | left1) != 0) {
                    MemberInfo member = before.member();
                    forEachBit(
                            left0,
                            left1,
                            bit -> change(plannedByBit[bit], ChangeSink.Change.LEFT, member, tally, changes));
                }
                if (order <= 0) {
                    n = fresh.next();
                }
                if (order >= 0) {
                    o = old.next();
                }
            }
            changes.flush();
            return read;
        }
    }

    private static void change(
            Planned planned, ChangeSink.Change change, MemberInfo member, Tally tally, Changes changes) {
        int bit = planned.bit();
        if (change == ChangeSink.Change.ENTERED) {
            tally.entered[bit]++;
        } else {
            tally.left[bit]++;
        }
        if (planned.emitEvents()) {
            changes.add(planned.segment(), change, member);
        }
    }

    /**
     * The changes that become events, handed to the sink {@value #SIZE} at a time, in the order they came. The merge
     * loop only stores them, so the JIT compiles the loop without the sink's code (JSON, event IDs, the outbox)
     * inlined into it. Inlined, the 1M bench's second run compiled a loop of 7.1 kB, in 0.75 s of C2 time, once the
     * last customers took a branch the first ones had not (JFR {@code jdk.Compilation}, {@code jdk.Deoptimization});
     * now 2 kB in 75 ms, and the run's peak RSS is 393 to 404 MiB against 443 to 462 MiB (six runs each,
     * alternating: C2 takes its memory from outside the heap). Publishing took as long.
     */
    private static final class Changes {
        private static final int SIZE = 1024;

        private final ChangeSink sink;
        private final CatalogSegment[] segments = new CatalogSegment[SIZE];
        private final ChangeSink.Change[] kinds = new ChangeSink.Change[SIZE];
        private final MemberInfo[] members = new MemberInfo[SIZE];
        private int size;

        Changes(ChangeSink sink) {
            this.sink = sink;
        }

        void add(CatalogSegment segment, ChangeSink.Change change, MemberInfo member) {
            segments[size] = segment;
            kinds[size] = change;
            members[size] = member;
            if (++size == SIZE) {
                flush();
            }
        }

        void flush() {
            for (int i = 0; i < size; i++) {
                sink.change(segments[i], kinds[i], members[i]);
                segments[i] = null;
                kinds[i] = null;
                members[i] = null;
            }
            size = 0;
        }
    }

    private static long[] map(StoredCustomer before, int[] oldToNew) {
        long[] mapped = new long[2];
        forEachBit(before.m0(), before.m1(), bit -> {
            int to = oldToNew[bit];
            if (to >= 0) {
                mapped[to >>> 6] |= 1L << (to & 63);
            }
        });
        return mapped;
    }

    private static void forEachBit(long m0, long m1, IntConsumerBits action) {
        while (m0 != 0) {
            int bit = Long.numberOfTrailingZeros(m0);
            action.accept(bit);
            m0 &= m0 - 1;
        }
        while (m1 != 0) {
            int bit = Long.numberOfTrailingZeros(m1);
            action.accept(64 + bit);
            m1 &= m1 - 1;
        }
    }

    @FunctionalInterface
    private interface IntConsumerBits {
        void accept(int bit);
    }

    private SegmentOutcome outcome(Planned planned, PartFiles files, Tally tally) {
        files.close();
        int bit = planned.bit();
        long events = planned.emitEvents() ? tally.entered[bit] + tally.left[bit] : 0;
        return new SegmentOutcome(
                planned.segment(),
                tally.members[bit],
                tally.entered[bit],
                tally.left[bit],
                events,
                files.parts(),
                null);
    }

    /** A job's static segment: the customers it lists, each once, in identity order, as this run read them (id and source_id). */
    private SegmentOutcome staticSegment(long runNo, Path runFolder, Planned planned, FileWrites writes) {
        List<String> ids =
                planned.customers().stream().distinct().sorted(Identities.ORDER).toList();
        PartFiles file = PartFiles.single(runFolder, planned.segment(), writes);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 1000));
            Map<String, StoredCustomer> found = sources.find(runNo, batch);
            for (String id : batch) {
                StoredCustomer stored = found.get(id);
                // a listed ID that is a customer's source_id (one with no id) is written as that customer is
                file.add(stored == null ? new MemberInfo(id, id, null, null, null) : stored.member());
            }
        }
        file.close();
        List<SegmentOutcome.Part> parts = file.parts();
        return new SegmentOutcome(
                planned.segment(),
                ids.size(),
                0,
                0,
                0,
                List.of(),
                parts.isEmpty() ? null : parts.get(0).file());
    }

    /** Counts per segment bit. */
    private static final class Tally {
        final long[] members = new long[128];
        final long[] entered = new long[128];
        final long[] left = new long[128];
    }

    /** A 128-bit mask. */
    private static final class Bits {
        long m0;
        long m1;

        void set(int bit) {
            if (bit < 64) {
                m0 |= 1L << bit;
            } else {
                m1 |= 1L << (bit - 64);
            }
        }
    }
}
