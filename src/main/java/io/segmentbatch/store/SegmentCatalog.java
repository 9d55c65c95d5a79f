package io.segmentbatch.store;

import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.segment.SegmentType;
import io.segmentbatch.segment.StoredSegment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The segments the database knows, with their stable IDs. */
public class SegmentCatalog {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final String COLUMNS = "seg_no, id, name, type, created_at, current_run_no";
    private static final RowMapper<CatalogSegment> ROW = (rs, i) -> new CatalogSegment(rs.getLong("seg_no"),
            rs.getString("id"), rs.getString("name"), SegmentType.fromJson(rs.getString("type")).orElseThrow(),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), (Long) rs.getObject("current_run_no", Long.class));

    private final JdbcTemplate jdbc;

    public SegmentCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers a job's segments: a segment seen for the first time gets its ID; one seen before keeps it, with
     * its type and filter brought up to date. Returns them by name, in the job's order.
     */
    public Map<String, CatalogSegment> registerJobSegments(String jobName, List<SegmentDefinition> segments, Instant now) {
        Map<String, CatalogSegment> byName = new LinkedHashMap<>();
        for (SegmentDefinition segment : segments) {
            String filter = segment.filterJson() == null ? null : MAPPER.writeValueAsString(segment.filterJson());
            String customers = segment.type().hasFilter() ? null : MAPPER.writeValueAsString(segment.customers());
            int updated = jdbc.update("UPDATE sb_segment SET type = ?, filter_json = ?, customers_json = ?, removed_at = NULL"
                    + " WHERE job_name = ? AND name = ? AND origin = 'job'", segment.type().json(), filter, customers, jobName, segment.name());
            if (updated == 0) {
                jdbc.update("INSERT INTO sb_segment (id, job_name, name, type, origin, filter_json, customers_json, created_at)"
                        + " VALUES (?, ?, ?, ?, 'job', ?, ?, ?)", SegmentIds.newSegmentId(), jobName, segment.name(),
                        segment.type().json(), filter, customers, Timestamps.of(now));
            }
            byName.put(segment.name(), jdbc.queryForObject("SELECT " + COLUMNS + " FROM sb_segment"
                    + " WHERE job_name = ? AND name = ? AND origin = 'job'", ROW, jobName, segment.name()));
        }
        return byName;
    }

    /** A job's segments by name, as registered. */
    public Map<String, CatalogSegment> jobSegments(String jobName, List<String> names) {
        Map<String, CatalogSegment> byName = new LinkedHashMap<>();
        for (String name : names) {
            byName.put(name, jdbc.queryForObject("SELECT " + COLUMNS + " FROM sb_segment"
                    + " WHERE job_name = ? AND name = ? AND origin = 'job'", ROW, jobName, name));
        }
        return byName;
    }

    /** The static segment that holds chunk {@code chunkNo} of a filter segment; created the first time it is needed. */
    public CatalogSegment chunk(CatalogSegment parent, int chunkNo, Instant now) {
        List<CatalogSegment> found = jdbc.query("SELECT " + COLUMNS + " FROM sb_segment WHERE parent_no = ? AND chunk_no = ?",
                ROW, parent.segNo(), chunkNo);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        jdbc.update("INSERT INTO sb_segment (id, name, type, origin, parent_no, chunk_no, created_at)"
                + " VALUES (?, ?, 'static', 'chunk', ?, ?, ?)", SegmentIds.newSegmentId(), parent.name() + " (" + chunkNo + ")",
                parent.segNo(), chunkNo, Timestamps.of(now));
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM sb_segment WHERE parent_no = ? AND chunk_no = ?",
                ROW, parent.segNo(), chunkNo);
    }

    /** Makes a completed run the baseline of the segments it evaluated. */
    public void makeCurrent(long runNo, List<Long> segNos) {
        jdbc.batchUpdate("UPDATE sb_segment SET current_run_no = ? WHERE seg_no = ?",
                segNos.stream().map(segNo -> new Object[]{runNo, segNo}).toList());
    }

    /** Gives a segment its name (a static part's {@code Name (k/n)} once its run commits). */
    public void rename(String id, String name) {
        jdbc.update("UPDATE sb_segment SET name = ? WHERE id = ?", name, id);
    }

}
