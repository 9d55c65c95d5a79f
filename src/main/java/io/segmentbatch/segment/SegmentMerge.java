package io.segmentbatch.segment;

/** The state of one segment while its new and baseline members stream past. */
final class SegmentMerge {
    private final CatalogSegment segment;
    private final ChunkFiles files;
    private final ChangeSink sink;
    private long members;
    private long entered;
    private long left;

    /** @param sink where changes go, or null for a segment that emits no events */
    SegmentMerge(CatalogSegment segment, ChunkFiles files, ChangeSink sink) {
        this.segment = segment;
        this.files = files;
        this.sink = sink;
    }

    void member(MemberInfo member, boolean isNew, boolean wasOld) {
        if (isNew) {
            files.add(member);
            members++;
            if (!wasOld) {
                entered++;
                emit(ChangeSink.Change.ENTERED, member);
            }
        } else if (wasOld) {
            left++;
            emit(ChangeSink.Change.LEFT, member);
        }
    }

    private void emit(ChangeSink.Change change, MemberInfo member) {
        if (sink != null) {
            sink.change(segment, change, member);
        }
    }

    SegmentOutcome finish() {
        files.close();
        long events = sink == null ? 0 : entered + left;
        boolean isStatic = !segment.type().hasFilter();
        var chunks = files.chunks();
        return new SegmentOutcome(segment, members, entered, left, events, isStatic ? java.util.List.of() : chunks,
                isStatic && !chunks.isEmpty() ? chunks.get(0).file() : null);
    }
}
