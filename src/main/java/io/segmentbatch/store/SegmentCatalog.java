package io.segmentbatch.store;

import io.segmentbatch.json.Json;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.segment.SegmentType;
import io.segmentbatch.segment.StoredSegment;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The segments the database knows ({@code sb_segment}), with their stable IDs: those of job files, which runs
 * register and make current, the static parts runs cut from them, and those created over the API, which the
 * segments API adds, lists and removes.
 */
public class SegmentCatalog {
    private static final String COLUMNS = "seg_no, id, name, type, created_at, current_run_no";
    private static final RowMapper<CatalogSegment> ROW = (rs, i) -> new CatalogSegment(
            rs.getLong("seg_no"),
            rs.getString("id"),
            rs.getString("name"),
            SegmentType.fromJson(rs.getString("type")).orElseThrow(),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            (Long) rs.getObject("current_run_no", Long.class));

    private static final String STORED_COLUMNS =
            "s.seg_no, s.id, s.name, s.type, s.origin, s.job_name, s.api_job, s.filter_json,"
                    + " s.parent_no, s.created_at, COALESCE(p.current_run_no, s.current_run_no) AS run_no";
    /** A static part is as current as its parent: it was cut by the parent's runs. */
    private static final String STORED_FROM = " FROM sb_segment s LEFT JOIN sb_segment p ON p.seg_no = s.parent_no";
    /**
     * What the API lists and finds: segments not removed, and of the static parts only those that the parent's latest
     * completed run cut. A part that a later run no longer needs (fewer members) or that only a held or discarded run
     * cut has no members now; it keeps its ID for the run that cuts it again.
     */
    private static final String LISTED = " s.removed_at IS NULL AND (s.origin <> 'chunk' OR EXISTS (SELECT 1 FROM"
            + " sb_run_chunk c WHERE c.run_no = p.current_run_no AND c.seg_no = s.seg_no))";

    private static final RowMapper<StoredSegment> STORED_ROW = (rs, i) -> new StoredSegment(
            rs.getLong("seg_no"),
            rs.getString("id"),
            rs.getString("name"),
            SegmentType.fromJson(rs.getString("type")).orElseThrow(),
            StoredSegment.Origin.of(rs.getString("origin")),
            rs.getString("job_name"),
            rs.getString("api_job"),
            rs.getString("filter_json"),
            (Long) rs.getObject("parent_no", Long.class),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            (Long) rs.getObject("run_no", Long.class));

    private final JdbcTemplate jdbc;

    public SegmentCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers a job's segments: a segment seen for the first time gets its ID; one seen before keeps it, with
     * its type and filter brought up to date. Returns them by name, in the job's order. A statement of each kind for
     * all of them, where three per segment took 0.1 s of a 100-segment run's start.
     */
    public Map<String, CatalogSegment> registerJobSegments(
            String jobName, List<SegmentDefinition> segments, Instant now) {
        Set<String> registered = new HashSet<>(registered(jobName).keySet());
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (SegmentDefinition segment : segments) {
            String filter = segment.filterJson() == null ? null : Json.MAPPER.writeValueAsString(segment.filterJson());
            String customers = segment.type().hasFilter() ? null : Json.MAPPER.writeValueAsString(segment.customers());
            if (registered.add(segment.name())) {
                inserts.add(new Object[] {
                    SegmentIds.newSegmentId(),
                    jobName,
                    segment.name(),
                    segment.type().json(),
                    filter,
                    customers,
                    Timestamps.of(now)
                });
            } else {
                updates.add(new Object[] {segment.type().json(), filter, customers, jobName, segment.name()});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO sb_segment (id, job_name, name, type, origin, filter_json, customers_json, created_at)"
                            + " VALUES (?, ?, ?, ?, 'job', ?, ?, ?)",
                    inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(
                    "UPDATE sb_segment SET type = ?, filter_json = ?, customers_json = ?, removed_at = NULL"
                            + " WHERE job_name = ? AND name = ? AND origin = 'job'",
                    updates);
        }
        return jobSegments(
                jobName, segments.stream().map(SegmentDefinition::name).toList());
    }

    /** A job's segments by name, as registered, in the order of {@code names}. */
    public Map<String, CatalogSegment> jobSegments(String jobName, List<String> names) {
        Map<String, CatalogSegment> registered = registered(jobName);
        Map<String, CatalogSegment> byName = new LinkedHashMap<>();
        for (String name : names) {
            CatalogSegment segment = registered.get(name);
            if (segment == null) {
                throw new EmptyResultDataAccessException(
                        "job " + jobName + " has no segment '" + name + "' registered", 1);
            }
            byName.put(name, segment);
        }
        return byName;
    }

    /** Every segment registered for a job file's segments, by name. */
    private Map<String, CatalogSegment> registered(String jobName) {
        Map<String, CatalogSegment> byName = new HashMap<>();
        jdbc.query(
                "SELECT " + COLUMNS + " FROM sb_segment WHERE job_name = ? AND origin = 'job'",
                rs -> {
                    CatalogSegment segment = ROW.mapRow(rs, 0);
                    byName.put(segment.name(), segment);
                },
                jobName);
        return byName;
    }

    /** A static part to create: part {@code partNo} of {@code parent}, with the ID its files are already named by. */
    public record NewPart(CatalogSegment parent, int partNo, String id) {}

    /**
     * The static parts earlier runs cut from these filter segments: by parent ({@code seg_no}), then by part number
     * (from 1). One query for them all.
     */
    public Map<Long, Map<Integer, CatalogSegment>> partsOf(Collection<Long> parentNos) {
        Map<Long, Map<Integer, CatalogSegment>> parts = new HashMap<>();
        if (parentNos.isEmpty()) {
            return parts;
        }
        jdbc.query(
                "SELECT " + COLUMNS + ", parent_no, chunk_no FROM sb_segment WHERE parent_no IN ("
                        + Placeholders.list(parentNos.size()) + ")",
                rs -> {
                    parts.computeIfAbsent(rs.getLong("parent_no"), parent -> new HashMap<>())
                            .put(rs.getInt("chunk_no"), ROW.mapRow(rs, 0));
                },
                parentNos.toArray());
        return parts;
    }

    /** Creates static parts, named {@code <parent name> (k)} until their run commits, in one batch. */
    public void createParts(List<NewPart> parts, Instant now) {
        jdbc.batchUpdate(
                "INSERT INTO sb_segment (id, name, type, origin, parent_no, chunk_no, created_at)"
                        + " VALUES (?, ?, 'static', 'chunk', ?, ?, ?)",
                parts.stream()
                        .map(part -> new Object[] {
                            part.id(),
                            partName(part.parent(), part.partNo()),
                            part.parent().segNo(),
                            part.partNo(),
                            Timestamps.of(now)
                        })
                        .toList());
    }

    /** The name of part {@code partNo} of {@code parent} until its run commits and names it {@code (k/n)}. */
    public static String partName(CatalogSegment parent, int partNo) {
        return parent.name() + " (" + partNo + ")";
    }

    /** Makes a completed run the baseline of the segments it evaluated. */
    public void makeCurrent(long runNo, List<Long> segNos) {
        jdbc.batchUpdate(
                "UPDATE sb_segment SET current_run_no = ? WHERE seg_no = ?",
                segNos.stream().map(segNo -> new Object[] {runNo, segNo}).toList());
    }

    /** Gives segments their names, by ID (static parts their {@code Name (k/n)} once their run commits), in one batch. */
    public void rename(Map<String, String> names) {
        jdbc.batchUpdate(
                "UPDATE sb_segment SET name = ? WHERE id = ?",
                names.entrySet().stream()
                        .map(name -> new Object[] {name.getValue(), name.getKey()})
                        .toList());
    }

    /** A segment the API lists (not removed; a static part only as its parent's latest run cut it), by its ID. */
    public Optional<StoredSegment> find(String id) {
        return jdbc
                .query("SELECT " + STORED_COLUMNS + STORED_FROM + " WHERE s.id = ? AND" + LISTED, STORED_ROW, id)
                .stream()
                .findFirst();
    }

    /** One page of the segments the API lists (as {@link #find}), oldest or newest first. */
    public List<StoredSegment> list(boolean newestFirst, int limit, long offset) {
        String direction = newestFirst ? " DESC" : " ASC";
        return jdbc.query(
                "SELECT " + STORED_COLUMNS + STORED_FROM + " WHERE" + LISTED + " ORDER BY s.created_at" + direction
                        + ", s.seg_no" + direction + " LIMIT ? OFFSET ?",
                STORED_ROW,
                limit,
                offset);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*)" + STORED_FROM + " WHERE" + LISTED, Long.class);
        return count == null ? 0 : count;
    }

    /** The auto-update and passive segments created over the API and not removed. */
    public List<StoredSegment> apiFilterSegments() {
        return jdbc.query(
                "SELECT " + STORED_COLUMNS + STORED_FROM + " WHERE s.origin = 'api' AND s.type <> 'static'"
                        + " AND s.removed_at IS NULL ORDER BY s.seg_no",
                STORED_ROW);
    }

    /**
     * The API's filter segments that a run of {@code job} started at {@code runCreatedAt} evaluates: those created
     * before it and not removed before it, which name the job or (when it is the {@code api_segments} job) none.
     * The same answer every time for one run, so that a restarted run evaluates what it started with.
     */
    public List<StoredSegment> apiSegmentsForRun(String job, boolean apiSegmentsJob, Instant runCreatedAt) {
        Object at = Timestamps.of(runCreatedAt);
        return jdbc.query(
                "SELECT " + STORED_COLUMNS + STORED_FROM + " WHERE s.origin = 'api' AND s.type <> 'static'"
                        + " AND (s.api_job = ? OR (s.api_job IS NULL AND ?)) AND s.created_at <= ?"
                        + " AND (s.removed_at IS NULL OR s.removed_at > ?) ORDER BY s.seg_no",
                STORED_ROW,
                job,
                apiSegmentsJob,
                at,
                at);
    }

    /** Adds a static segment with its customers (duplicates kept once). */
    public StoredSegment createStatic(String name, String customersJson, List<String> customers, Instant now) {
        String id = SegmentIds.newSegmentId();
        jdbc.update(
                "INSERT INTO sb_segment (id, name, type, origin, customers_json, created_at)"
                        + " VALUES (?, ?, 'static', 'api', ?, ?)",
                id,
                name,
                customersJson,
                Timestamps.of(now));
        StoredSegment segment = find(id).orElseThrow();
        jdbc.batchUpdate(
                "INSERT INTO sb_segment_customer (seg_no, customer_id) VALUES (?, ?)",
                customers.stream()
                        .distinct()
                        .map(customer -> new Object[] {segment.segNo(), customer})
                        .toList());
        return segment;
    }

    /** Adds an auto-update or passive segment, to be evaluated by the runs of {@code apiJob} (null: the default job). */
    public StoredSegment createFilter(
            String name, SegmentType type, String filterJson, @Nullable String apiJob, Instant now) {
        String id = SegmentIds.newSegmentId();
        jdbc.update(
                "INSERT INTO sb_segment (id, name, type, origin, filter_json, api_job, created_at)"
                        + " VALUES (?, ?, ?, 'api', ?, ?, ?)",
                id,
                name,
                type.json(),
                filterJson,
                apiJob,
                Timestamps.of(now));
        return find(id).orElseThrow();
    }

    /**
     * Removes a segment created over the API, with the static parts cut from it: no later run evaluates it. Call it
     * in a transaction: the segment's row is locked before its parts', in the order a run's commit locks them
     * (its segments, then their parts), so that the two never deadlock.
     */
    public void remove(StoredSegment segment, Instant now) {
        Object at = Timestamps.of(now);
        jdbc.update(
                "UPDATE sb_segment SET removed_at = ? WHERE seg_no = ? AND removed_at IS NULL", at, segment.segNo());
        jdbc.update(
                "UPDATE sb_segment SET removed_at = ? WHERE parent_no = ? AND removed_at IS NULL", at, segment.segNo());
        jdbc.update("DELETE FROM sb_segment_customer WHERE seg_no = ?", segment.segNo());
    }
}
