package io.segmentbatch.segment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is in which segment, from the latest completed runs: a segment's current members are those of its
 * {@code current_run_no}; a static chunk's are its parent's current members from its first to its last key
 * ({@code sb_run_chunk}); a static segment created over the API holds the customers it was given.
 */
public class Memberships {
    private static final RowMapper<Member> MEMBER = (rs, i) -> new Member(rs.getBoolean("has_id")
            ? rs.getString("customer_key") : null, rs.getString("source_id"));

    /** A member as the API shows it: {@code id} is null for a customer known only by {@code source_id}. */
    public record Member(String id, String sourceId) {
    }

    /** A segment that holds a customer. */
    public record Holding(String id, String name) {
    }

    /** One page of a segment's members and how many it has in all. */
    public record Page(List<Member> members, long total) {
    }

    private final JdbcTemplate jdbc;

    public Memberships(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the static chunks a run cut from a filter segment, so that their members can be found later. */
    public void recordChunks(long runNo, SegmentOutcome outcome) {
        jdbc.update("DELETE FROM sb_run_chunk WHERE run_no = ? AND parent_no = ?", runNo, outcome.segment().segNo());
        List<Object[]> rows = new ArrayList<>();
        List<SegmentOutcome.Chunk> chunks = outcome.chunks();
        for (int k = 0; k < chunks.size(); k++) {
            SegmentOutcome.Chunk chunk = chunks.get(k);
            rows.add(new Object[]{runNo, chunk.segment().segNo(), outcome.segment().segNo(), k + 1, chunks.size(),
                    chunk.customers(), chunk.firstKey(), chunk.lastKey(), chunk.file()});
        }
        jdbc.batchUpdate("INSERT INTO sb_run_chunk (run_no, seg_no, parent_no, chunk_no, chunk_count, customers_count,"
                + " first_key, last_key, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /**
     * The segments that hold a customer (by identity: its {@code id}, or its {@code source_id} when it has none):
     * filter segments and job-file static segments by their current run, the static chunks cut from them, and the
     * static segments created over the API. Oldest segment first.
     */
    public List<Holding> segmentsOf(String customerKey) {
        return jdbc.query("""
                SELECT id, name FROM (
                  SELECT s.seg_no, s.id, s.name, s.created_at FROM sb_run_member m
                    JOIN sb_segment s ON s.seg_no = m.seg_no AND s.current_run_no = m.run_no
                   WHERE m.customer_key = ? AND s.removed_at IS NULL
                  UNION ALL
                  SELECT c.seg_no, c.id, c.name, c.created_at FROM sb_run_member m
                    JOIN sb_segment p ON p.seg_no = m.seg_no AND p.current_run_no = m.run_no
                    JOIN sb_run_chunk rc ON rc.run_no = m.run_no AND rc.parent_no = p.seg_no
                     AND m.customer_key >= rc.first_key AND m.customer_key <= rc.last_key
                    JOIN sb_segment c ON c.seg_no = rc.seg_no
                   WHERE m.customer_key = ? AND p.removed_at IS NULL AND c.removed_at IS NULL
                  UNION ALL
                  SELECT s.seg_no, s.id, s.name, s.created_at FROM sb_segment_customer sc
                    JOIN sb_segment s ON s.seg_no = sc.seg_no
                   WHERE sc.customer_id = ? AND s.removed_at IS NULL
                ) held ORDER BY created_at, seg_no""",
                (rs, i) -> new Holding(rs.getString("id"), rs.getString("name")), customerKey, customerKey, customerKey);
    }

    /** One page of a segment's current members, in identity order. */
    public Page members(StoredSegment segment, int limit, long offset) {
        if (segment.origin() == StoredSegment.Origin.API && segment.type() == SegmentType.STATIC) {
            return new Page(jdbc.query("SELECT customer_id AS customer_key, NULL AS source_id, TRUE AS has_id"
                    + " FROM sb_segment_customer WHERE seg_no = ? ORDER BY customer_id LIMIT ? OFFSET ?",
                    MEMBER, segment.segNo(), limit, offset),
                    count("SELECT COUNT(*) FROM sb_segment_customer WHERE seg_no = ?", segment.segNo()));
        }
        if (segment.currentRunNo() == null) {
            return new Page(List.of(), 0);
        }
        if (segment.origin() == StoredSegment.Origin.CHUNK) {
            return chunkMembers(segment, limit, offset);
        }
        return new Page(jdbc.query("SELECT customer_key, source_id, has_id FROM sb_run_member WHERE run_no = ? AND seg_no = ?"
                        + " ORDER BY customer_key LIMIT ? OFFSET ?", MEMBER, segment.currentRunNo(), segment.segNo(), limit, offset),
                count("SELECT COUNT(*) FROM sb_run_member WHERE run_no = ? AND seg_no = ?", segment.currentRunNo(), segment.segNo()));
    }

    /** A chunk's members: those of its parent's current run from its first to its last key (none if that run did not cut it). */
    private Page chunkMembers(StoredSegment chunk, int limit, long offset) {
        record Range(String firstKey, String lastKey, long count) {
        }
        List<Range> ranges = jdbc.query("SELECT first_key, last_key, customers_count FROM sb_run_chunk WHERE run_no = ? AND seg_no = ?",
                (rs, i) -> new Range(rs.getString(1), rs.getString(2), rs.getLong(3)), chunk.currentRunNo(), chunk.segNo());
        if (ranges.isEmpty()) {
            return new Page(List.of(), 0);
        }
        Range range = ranges.get(0);
        return new Page(jdbc.query("SELECT customer_key, source_id, has_id FROM sb_run_member"
                + " WHERE run_no = ? AND seg_no = ? AND customer_key >= ? AND customer_key <= ?"
                + " ORDER BY customer_key LIMIT ? OFFSET ?", MEMBER, chunk.currentRunNo(), chunk.parentNo(),
                range.firstKey(), range.lastKey(), limit, offset), range.count());
    }

    private long count(String sql, Object... arguments) {
        Long count = jdbc.queryForObject(sql, Long.class, arguments);
        return count == null ? 0 : count;
    }
}
