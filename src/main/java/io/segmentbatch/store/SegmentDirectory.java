package io.segmentbatch.store;

import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.segment.SegmentType;
import io.segmentbatch.segment.StoredSegment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The catalog as the segments API sees it: every segment that is not removed (from job files, from the API, and
 * the static chunks runs cut), and the segments created over the API, which it adds and removes.
 */
public class SegmentDirectory {
    private static final String COLUMNS = "s.seg_no, s.id, s.name, s.type, s.origin, s.job_name, s.api_job, s.filter_json,"
            + " s.parent_no, s.created_at, COALESCE(p.current_run_no, s.current_run_no) AS run_no";
    /** A chunk is as current as its parent: it was cut by the parent's runs. */
    private static final String FROM = " FROM sb_segment s LEFT JOIN sb_segment p ON p.seg_no = s.parent_no";
    private static final RowMapper<StoredSegment> ROW = (rs, i) -> new StoredSegment(rs.getLong("seg_no"),
            rs.getString("id"), rs.getString("name"), SegmentType.fromJson(rs.getString("type")).orElseThrow(),
            StoredSegment.Origin.of(rs.getString("origin")), rs.getString("job_name"), rs.getString("api_job"),
            rs.getString("filter_json"), (Long) rs.getObject("parent_no", Long.class),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), (Long) rs.getObject("run_no", Long.class));

    private final JdbcTemplate jdbc;

    public SegmentDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A segment that is not removed, by its {@code seg_…} ID. */
    public Optional<StoredSegment> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE s.id = ? AND s.removed_at IS NULL", ROW, id)
                .stream().findFirst();
    }

    /** One page of the segments that are not removed, oldest or newest first. */
    public List<StoredSegment> list(boolean newestFirst, int limit, long offset) {
        String direction = newestFirst ? " DESC" : " ASC";
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE s.removed_at IS NULL ORDER BY s.created_at" + direction
                + ", s.seg_no" + direction + " LIMIT ? OFFSET ?", ROW, limit, offset);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM sb_segment WHERE removed_at IS NULL", Long.class);
        return count == null ? 0 : count;
    }

    /** The auto-update and passive segments created over the API and not removed. */
    public List<StoredSegment> apiFilterSegments() {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE s.origin = 'api' AND s.type <> 'static'"
                + " AND s.removed_at IS NULL ORDER BY s.seg_no", ROW);
    }

    /**
     * The API's filter segments that a run of {@code job} started at {@code runCreatedAt} evaluates: those created
     * before it and not removed before it, which name the job or (when it is the {@code api_segments} job) none.
     * The same answer every time for one run, so that a restarted run evaluates what it started with.
     */
    public List<StoredSegment> apiSegmentsForRun(String job, boolean apiSegmentsJob, Instant runCreatedAt) {
        Object at = Timestamps.of(runCreatedAt);
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE s.origin = 'api' AND s.type <> 'static'"
                + " AND (s.api_job = ? OR (s.api_job IS NULL AND ?)) AND s.created_at <= ?"
                + " AND (s.removed_at IS NULL OR s.removed_at > ?) ORDER BY s.seg_no", ROW, job, apiSegmentsJob, at, at);
    }

    /** Adds a static segment with its customers (duplicates kept once). */
    public StoredSegment createStatic(String name, String customersJson, List<String> customers, Instant now) {
        String id = SegmentIds.newSegmentId();
        jdbc.update("INSERT INTO sb_segment (id, name, type, origin, customers_json, created_at)"
                + " VALUES (?, ?, 'static', 'api', ?, ?)", id, name, customersJson, Timestamps.of(now));
        StoredSegment segment = find(id).orElseThrow();
        jdbc.batchUpdate("INSERT INTO sb_segment_customer (seg_no, customer_id) VALUES (?, ?)",
                customers.stream().distinct().map(customer -> new Object[]{segment.segNo(), customer}).toList());
        return segment;
    }

    /** Adds an auto-update or passive segment, to be evaluated by the runs of {@code apiJob} (null: the default job). */
    public StoredSegment createFilter(String name, SegmentType type, String filterJson, @Nullable String apiJob, Instant now) {
        String id = SegmentIds.newSegmentId();
        jdbc.update("INSERT INTO sb_segment (id, name, type, origin, filter_json, api_job, created_at)"
                + " VALUES (?, ?, ?, 'api', ?, ?, ?)", id, name, type.json(), filterJson, apiJob, Timestamps.of(now));
        return find(id).orElseThrow();
    }

    /**
     * Removes a segment created over the API, with the static chunks cut from it: no later run evaluates it. Call it
     * in a transaction: the segment's row is locked before its chunks', in the order a run's commit locks them
     * (its segments, then their chunks), so that the two never deadlock.
     */
    public void remove(StoredSegment segment, Instant now) {
        Object at = Timestamps.of(now);
        jdbc.update("UPDATE sb_segment SET removed_at = ? WHERE seg_no = ? AND removed_at IS NULL", at, segment.segNo());
        jdbc.update("UPDATE sb_segment SET removed_at = ? WHERE parent_no = ? AND removed_at IS NULL", at, segment.segNo());
        jdbc.update("DELETE FROM sb_segment_customer WHERE seg_no = ?", segment.segNo());
    }
}
