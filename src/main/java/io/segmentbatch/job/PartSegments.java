package io.segmentbatch.job;

import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.segment.SegmentOutcome;
import io.segmentbatch.segment.SegmentType;
import io.segmentbatch.store.SegmentCatalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The static segments one publish cuts its filter segments' members into. The parts earlier runs created are read
 * in one query before the pass; a part needed for the first time gets its ID at once, so that its file can be
 * written, and is stored with the others in one batch after the pass, in the publish's transaction. Looking up and
 * creating each part as the pass reached it took three statements per part, while the pass waited: 0.34 s of the
 * 1M bench's 1.8 s publish on PostgreSQL (540 parts; async-profiler, wall clock).
 */
final class PartSegments {
    /** The {@code seg_no} of a part that is not stored yet. */
    private static final long NOT_STORED = -1;

    private final SegmentCatalog catalog;
    private final Instant now;
    private final Map<Long, Map<Integer, CatalogSegment>> known;
    private final List<SegmentCatalog.NewPart> created = new ArrayList<>();

    PartSegments(SegmentCatalog catalog, Collection<CatalogSegment> parents, Instant now) {
        this.catalog = catalog;
        this.now = now;
        this.known = catalog.partsOf(
                parents.stream().map(CatalogSegment::segNo).distinct().toList());
    }

    /** Part {@code partNo} (from 1) of {@code parent}: the stored one, or a new one with its ID. */
    CatalogSegment part(CatalogSegment parent, int partNo) {
        Map<Integer, CatalogSegment> parts = known.computeIfAbsent(parent.segNo(), segNo -> new HashMap<>());
        return parts.computeIfAbsent(partNo, k -> {
            String id = SegmentIds.newSegmentId();
            created.add(new SegmentCatalog.NewPart(parent, k, id));
            return new CatalogSegment(
                    NOT_STORED, id, SegmentCatalog.partName(parent, k), SegmentType.STATIC, now, null);
        });
    }

    /** Stores the new parts and gives back {@code outcomes} with the stored parts in place of the new ones. */
    List<SegmentOutcome> store(List<SegmentOutcome> outcomes) {
        if (created.isEmpty()) {
            return outcomes;
        }
        catalog.createParts(created, now);
        Map<String, CatalogSegment> stored = new HashMap<>();
        catalog.partsOf(created.stream()
                        .map(part -> part.parent().segNo())
                        .distinct()
                        .toList())
                .values()
                .forEach(parts -> parts.values().forEach(part -> stored.put(part.id(), part)));
        created.clear();
        return outcomes.stream()
                .map(outcome -> outcome.withParts(outcome.parts().stream()
                        .map(part -> part.segment().segNo() == NOT_STORED
                                ? part.withSegment(Objects.requireNonNull(
                                        stored.get(part.segment().id()), "a stored part"))
                                : part)
                        .toList()))
                .toList();
    }
}
