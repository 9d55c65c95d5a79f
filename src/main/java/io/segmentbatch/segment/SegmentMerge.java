package io.segmentbatch.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state of one segment while its new and baseline members stream past: counts, static segment files,
 * and the changes, handed to the sink in batches once each customer's name and e-mail are looked up.
 */
final class SegmentMerge {
    private static final int BATCH = 2_000;

    private final CatalogSegment segment;
    private final ChunkFiles files;
    private final ChangeSink sink;
    private final CustomerDetails details;
    private final long runNo;
    private final Long baselineRunNo;
    private final List<MemberInfo> entering = new ArrayList<>();
    private final List<MemberInfo> leaving = new ArrayList<>();
    private long members;
    private long entered;
    private long left;

    /** The customer whose rows are arriving: identity, and on which side(s) it has been seen so far. */
    private MemberInfo current;
    private boolean isNew;
    private boolean wasOld;

    /** @param sink where changes go, or null for a segment that emits no events */
    SegmentMerge(CatalogSegment segment, ChunkFiles files, ChangeSink sink, CustomerDetails details, long runNo,
                 Long baselineRunNo) {
        this.segment = segment;
        this.files = files;
        this.sink = sink;
        this.details = details;
        this.runNo = runNo;
        this.baselineRunNo = baselineRunNo;
    }

    /** One merged row; a customer's rows arrive together, so a customer is complete when the key changes. */
    void row(String rowKey, String sourceId, boolean hasId, boolean newSide) {
        if (current == null || !rowKey.equals(current.key())) {
            completeCustomer();
            current = hasId ? new MemberInfo(rowKey, rowKey, sourceId, null, null)
                    : new MemberInfo(rowKey, null, sourceId != null ? sourceId : rowKey, null, null);
            isNew = false;
            wasOld = false;
        }
        isNew |= newSide;
        wasOld |= !newSide;
    }

    private void completeCustomer() {
        if (current == null) {
            return;
        }
        if (isNew) {
            files.add(current);
            members++;
            if (!wasOld) {
                entered++;
                pend(entering, current, ChangeSink.Change.ENTERED);
            }
        } else if (wasOld) {
            left++;
            pend(leaving, current, ChangeSink.Change.LEFT);
        }
    }

    private void pend(List<MemberInfo> pending, MemberInfo member, ChangeSink.Change change) {
        if (sink == null) {
            return;
        }
        pending.add(member);
        if (pending.size() == BATCH) {
            flush(pending, change);
        }
    }

    private void flush(List<MemberInfo> pending, ChangeSink.Change change) {
        if (pending.isEmpty()) {
            return;
        }
        long from = change == ChangeSink.Change.ENTERED ? runNo : baselineRunNo;
        Map<String, MemberInfo> found = details.find(from, pending.stream().map(MemberInfo::key).toList());
        for (MemberInfo member : pending) {
            sink.change(segment, change, found.getOrDefault(member.key(), member));
        }
        pending.clear();
    }

    SegmentOutcome finish() {
        completeCustomer();
        current = null;
        flush(entering, ChangeSink.Change.ENTERED);
        flush(leaving, ChangeSink.Change.LEFT);
        files.close();
        long events = sink == null ? 0 : entered + left;
        boolean isStatic = !segment.type().hasFilter();
        List<SegmentOutcome.Chunk> chunks = files.chunks();
        return new SegmentOutcome(segment, members, entered, left, events, isStatic ? List.of() : chunks,
                isStatic && !chunks.isEmpty() ? chunks.get(0).file() : null);
    }
}
