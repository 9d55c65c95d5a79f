package io.segmentbatch.segment;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a run's memberships in one ordered pass over the database: each segment's members of this run
 * merged with those of its baseline (its last completed run), both sorted by identity. Members are cut into
 * static segments as they stream by; who entered and who left falls out of the same merge, so no segment's
 * membership is ever held in memory.
 */
public final class SegmentPublisher {
    private static final String MERGE = """
            SELECT m.seg_no, m.customer_key, 1 AS side, c.customer_id, c.source_id, c.name, c.email
              FROM sb_run_member m
              LEFT JOIN sb_run_customer c ON c.run_no = m.run_no AND c.customer_key = m.customer_key
             WHERE m.run_no = ?
            UNION ALL
            SELECT m.seg_no, m.customer_key, 2 AS side, c.customer_id, c.source_id, c.name, c.email
              FROM sb_segment s
              JOIN sb_run_member m ON m.seg_no = s.seg_no AND m.run_no = s.current_run_no
              LEFT JOIN sb_run_customer c ON c.run_no = m.run_no AND c.customer_key = m.customer_key
             WHERE s.seg_no IN (%s) AND s.current_run_no <> ?
            ORDER BY 1, 2, 3
            """;

    /**
     * One segment to publish.
     *
     * @param emitEvents whether entered/left customers go to the change sink (auto-update segments, and not a
     *                   first evaluation with {@code initial_events: none})
     */
    public record Planned(CatalogSegment segment, boolean emitEvents) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SegmentCatalog catalog;

    public SegmentPublisher(DataSource dataSource, SegmentCatalog catalog) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.catalog = catalog;
    }

    /** Adds the members of a job's static segment to the run, as listed (again, after a restart). */
    public void addStaticMembers(long runNo, CatalogSegment segment, List<String> customerIds) {
        jdbc.update("DELETE FROM sb_run_member WHERE run_no = ? AND seg_no = ?", runNo, segment.segNo());
        List<Object[]> rows = customerIds.stream().distinct().map(id -> new Object[]{runNo, segment.segNo(), id}).toList();
        jdbc.batchUpdate("INSERT INTO sb_run_member (run_no, seg_no, customer_key) VALUES (?, ?, ?)", rows);
    }

    public List<SegmentOutcome> publish(long runNo, Path runFolder, int chunkSize, Instant now, List<Planned> plan,
                                        ChangeSink sink) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.query("SELECT seg_no, COUNT(*) FROM sb_run_member WHERE run_no = ? GROUP BY seg_no",
                rs -> { counts.put(rs.getLong(1), rs.getLong(2)); }, runNo);
        Map<Long, SegmentMerge> merges = new LinkedHashMap<>();
        for (Planned planned : plan) {
            CatalogSegment segment = planned.segment();
            ChunkFiles files = segment.type().hasFilter()
                    ? new ChunkFiles(runFolder, segment, chunks(segment, counts.getOrDefault(segment.segNo(), 0L), chunkSize, now), chunkSize)
                    : ChunkFiles.single(runFolder, segment);
            merges.put(segment.segNo(), new SegmentMerge(segment, files, planned.emitEvents() ? sink : null));
        }
        if (!merges.isEmpty()) {
            stream(runNo, merges);
        }
        List<SegmentOutcome> outcomes = new ArrayList<>();
        for (SegmentMerge merge : merges.values()) {
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

    /** Streams the merge on a connection of its own: it reads only what earlier, committed steps wrote. */
    private void stream(long runNo, Map<Long, SegmentMerge> merges) {
        String placeholders = String.join(", ", merges.keySet().stream().map(k -> "?").toList());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                try (var settings = connection.createStatement()) {
                    settings.execute("SET LOCAL work_mem = '256MB'");
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(MERGE.formatted(placeholders))) {
                statement.setFetchSize(10_000);
                int i = 1;
                statement.setLong(i++, runNo);
                for (Long segNo : merges.keySet()) {
                    statement.setLong(i++, segNo);
                }
                statement.setLong(i, runNo);
                try (ResultSet rs = statement.executeQuery()) {
                    merge(rs, merges);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the memberships of run " + runNo + " failed", e);
        }
    }

    private static void merge(ResultSet rs, Map<Long, SegmentMerge> merges) throws SQLException {
        SegmentMerge current = null;
        long currentSeg = -1;
        String key = null;
        MemberInfo info = null;
        boolean isNew = false;
        boolean wasOld = false;
        while (rs.next()) {
            long segNo = rs.getLong(1);
            String rowKey = rs.getString(2);
            if (segNo != currentSeg || !rowKey.equals(key)) {
                if (current != null) {
                    current.member(info, isNew, wasOld);
                }
                if (segNo != currentSeg) {
                    current = merges.get(segNo);
                    currentSeg = segNo;
                }
                key = rowKey;
                info = null;
                isNew = false;
                wasOld = false;
            }
            boolean newSide = rs.getInt(3) == 1;
            if (info == null || newSide) {
                String id = rs.getString(4);
                String sourceId = rs.getString(5);
                // a listed member of a static segment who is not in the export is known by the ID given
                info = new MemberInfo(rowKey, id == null && sourceId == null ? rowKey : id, sourceId,
                        rs.getString(6), rs.getString(7));
            }
            isNew |= newSide;
            wasOld |= !newSide;
        }
        if (current != null) {
            current.member(info, isNew, wasOld);
        }
    }
}
