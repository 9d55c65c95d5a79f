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
import java.util.List;
import java.util.Map;

/**
 * Publishes a run's memberships, one segment at a time: the segment's members of this run merged with
 * those of its baseline (its last completed run), both in identity order, from one query. Members are cut
 * into static segments as they stream by; who entered and who left falls out of the same merge, so no
 * segment's membership is ever held in memory.
 */
public final class SegmentPublisher {
    private static final String MERGE = """
            SELECT customer_key, source_id, has_id, 1 AS side FROM sb_run_member WHERE run_no = ? AND seg_no = ?
            UNION ALL
            SELECT customer_key, source_id, has_id, 2 AS side FROM sb_run_member WHERE run_no = ? AND seg_no = ?
            ORDER BY 1, 4
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
        try (Connection connection = dataSource.getConnection()) {
            prepare(connection);
            try (PreparedStatement statement = connection.prepareStatement(MERGE)) {
                statement.setFetchSize(10_000);
                for (Planned planned : plan) {
                    CatalogSegment segment = planned.segment();
                    ChunkFiles files = segment.type().hasFilter()
                            ? new ChunkFiles(runFolder, segment, chunks(segment, counts.getOrDefault(segment.segNo(), 0L), chunkSize, now), chunkSize)
                            : ChunkFiles.single(runFolder, segment);
                    Long baseline = segment.currentRunNo();
                    SegmentMerge merge = new SegmentMerge(segment, files, planned.emitEvents() ? sink : null, details,
                            runNo, baseline);
                    statement.setLong(1, runNo);
                    statement.setLong(2, segment.segNo());
                    statement.setLong(3, baseline == null || baseline == runNo ? -1 : baseline);
                    statement.setLong(4, segment.segNo());
                    try (ResultSet rs = statement.executeQuery()) {
                        merge(rs, merge);
                    }
                    outcomes.add(merge.finish());
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the memberships of run " + runNo + " failed", e);
        }
        return outcomes;
    }

    /** The merge reads on a connection of its own: it reads only what earlier, committed steps wrote. */
    private static void prepare(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            try (var settings = connection.createStatement()) {
                settings.execute("SET LOCAL work_mem = '128MB'");
            }
        }
    }

    private List<CatalogSegment> chunks(CatalogSegment parent, long members, int chunkSize, Instant now) {
        int count = (int) ((members + chunkSize - 1) / chunkSize);
        List<CatalogSegment> chunks = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            chunks.add(catalog.chunk(parent, k, now));
        }
        return chunks;
    }

    /** Rows arrive by identity, the new side before the baseline side of the same customer. */
    private static void merge(ResultSet rs, SegmentMerge merge) throws SQLException {
        String key = null;
        MemberInfo info = null;
        boolean isNew = false;
        boolean wasOld = false;
        while (rs.next()) {
            String rowKey = rs.getString(1);
            if (!rowKey.equals(key)) {
                if (key != null) {
                    merge.member(info, isNew, wasOld);
                }
                key = rowKey;
                String sourceId = rs.getString(2);
                info = rs.getBoolean(3) ? new MemberInfo(rowKey, rowKey, sourceId, null, null)
                        : new MemberInfo(rowKey, null, sourceId != null ? sourceId : rowKey, null, null);
                isNew = false;
                wasOld = false;
            }
            boolean newSide = rs.getInt(4) == 1;
            isNew |= newSide;
            wasOld |= !newSide;
        }
        if (key != null) {
            merge.member(info, isNew, wasOld);
        }
    }
}
