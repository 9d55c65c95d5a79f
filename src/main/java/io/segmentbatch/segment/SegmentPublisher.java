package io.segmentbatch.segment;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a run's memberships, one segment at a time: the segment's members of this run merged with
 * those of its baseline (its last completed run), in identity order, as the store streams them. Members are
 * cut into static segments as they go by; who entered and who left falls out of the same merge, so no
 * segment's membership is ever held in memory.
 */
public final class SegmentPublisher {

    /**
     * One segment to publish.
     *
     * @param emitEvents whether entered/left customers go to the change sink (auto-update segments, and not a
     *                   first evaluation with {@code initial_events: none})
     */
    public record Planned(CatalogSegment segment, boolean emitEvents) {
    }

    private final JdbcTemplate jdbc;
    private final SegmentCatalog catalog;
    private final MembershipStore store;

    public SegmentPublisher(DataSource dataSource, SegmentCatalog catalog, MembershipStore store) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.catalog = catalog;
        this.store = store;
    }

    /** Adds the members of a job's static segment to the run, as listed (again, after a restart). */
    public void addStaticMembers(long runNo, CatalogSegment segment, List<String> customerIds) {
        jdbc.update("DELETE FROM sb_run_member WHERE run_no = ? AND seg_no = ?", runNo, segment.segNo());
        List<Object[]> rows = customerIds.stream().distinct()
                .map(id -> new Object[]{runNo, segment.segNo(), id, runNo, id}).toList();
        jdbc.batchUpdate("INSERT INTO sb_run_member (run_no, seg_no, customer_key, source_id, has_id) VALUES (?, ?, ?,"
                + " (SELECT source_id FROM sb_run_customer WHERE run_no = ? AND customer_key = ?), TRUE)", rows);
    }

    public List<SegmentOutcome> publish(long runNo, Path runFolder, int chunkSize, Instant now, List<Planned> plan,
                                        ChangeSink sink) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.query("SELECT seg_no, COUNT(*) FROM sb_run_member WHERE run_no = ? GROUP BY seg_no",
                rs -> { counts.put(rs.getLong(1), rs.getLong(2)); }, runNo);
        CustomerDetails details = new CustomerDetails(jdbc);
        List<SegmentOutcome> outcomes = new ArrayList<>();
        for (Planned planned : plan) {
            CatalogSegment segment = planned.segment();
            ChunkFiles files = segment.type().hasFilter()
                    ? new ChunkFiles(runFolder, segment, chunks(segment, counts.getOrDefault(segment.segNo(), 0L), chunkSize, now), chunkSize)
                    : ChunkFiles.single(runFolder, segment);
            Long current = segment.currentRunNo();
            Long baseline = current == null || current == runNo ? null : current;
            SegmentMerge merge = new SegmentMerge(segment, files, planned.emitEvents() ? sink : null, details, runNo, baseline);
            store.mergeMembers(runNo, baseline, segment.segNo(), merge::row);
            outcomes.add(merge.finish());
        }
        return outcomes;
    }

    private List<CatalogSegment> chunks(CatalogSegment parent, long members, int chunkSize, Instant now) {
        int count = (int) ((members + chunkSize - 1) / chunkSize);
        List<CatalogSegment> chunks = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            chunks.add(catalog.chunk(parent, k, now));
        }
        return chunks;
    }
}
