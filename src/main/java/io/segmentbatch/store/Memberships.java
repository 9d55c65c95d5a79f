package io.segmentbatch.store;

import io.segmentbatch.segment.Identities;
import io.segmentbatch.segment.SegmentOutcome;
import io.segmentbatch.segment.SegmentType;
import io.segmentbatch.segment.StoredCustomer;
import io.segmentbatch.segment.StoredSegment;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who is in which segment, from the latest completed runs. A run records which bit of its customers' bitmaps
 * stands for which segment ({@code sb_run_segment}) and the static segments it cut from each filter segment as
 * ranges of its customers in identity order ({@code sb_run_chunk}: first and last key, count). A segment's current
 * members are the customers of its {@code current_run_no} with its bit set; a static part's are those of its
 * parent from its first to its last key; a static segment holds the customers it lists ({@code sb_segment_customer}).
 */
public class Memberships {

    /** A member as the API shows it: {@code id} is null for a customer known only by {@code source_id}. */
    public record Member(String id, @Nullable String sourceId) {}

    /** A segment that holds a customer. */
    public record Holding(String id, String name) {}

    /** One page of a segment's members and how many it has in all. */
    public record Page(List<Member> members, long total) {}

    /** A filter segment's bit in one run, and how many members it had there. */
    public record SegmentBit(long segNo, int bit, long members) {}

    private final JdbcTemplate jdbc;
    private final RunCustomers customers;

    Memberships(JdbcTemplate jdbc, RunCustomers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    /** Records which bit stands for which segment in a run, with the segment's member count (again on restart). */
    public void recordBits(long runNo, List<SegmentBit> bits) {
        jdbc.update("DELETE FROM sb_run_segment WHERE run_no = ?", runNo);
        jdbc.batchUpdate(
                "INSERT INTO sb_run_segment (run_no, seg_no, bit, members) VALUES (?, ?, ?, ?)",
                bits.stream()
                        .map(b -> new Object[] {runNo, b.segNo(), b.bit(), b.members()})
                        .toList());
    }

    /** The bits of the segments a run evaluated, by segment ({@code seg_no}). */
    public Map<Long, Integer> bitsOf(long runNo) {
        Map<Long, Integer> bits = new HashMap<>();
        jdbc.query(
                "SELECT seg_no, bit FROM sb_run_segment WHERE run_no = ?",
                rs -> {
                    bits.put(rs.getLong(1), rs.getInt(2));
                },
                runNo);
        return bits;
    }

    /** The segment's bit in a run, or -1 when that run did not evaluate it. */
    public int bitOf(long runNo, long segNo) {
        List<Integer> bits = jdbc.queryForList(
                "SELECT bit FROM sb_run_segment WHERE run_no = ? AND seg_no = ?", Integer.class, runNo, segNo);
        return bits.isEmpty() ? -1 : bits.get(0);
    }

    /**
     * Records the static parts a run cut from its filter segments, so that their members can be found later: one
     * statement to clear what an earlier attempt recorded, one batch for them all.
     */
    public void recordParts(long runNo, List<SegmentOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<Object> parents = new ArrayList<>();
        parents.add(runNo);
        outcomes.forEach(outcome -> parents.add(outcome.segment().segNo()));
        jdbc.update(
                "DELETE FROM sb_run_chunk WHERE run_no = ? AND parent_no IN (" + Placeholders.list(outcomes.size())
                        + ")",
                parents.toArray());
        List<Object[]> rows = new ArrayList<>();
        for (SegmentOutcome outcome : outcomes) {
            List<SegmentOutcome.Part> parts = outcome.parts();
            for (int k = 0; k < parts.size(); k++) {
                SegmentOutcome.Part part = parts.get(k);
                rows.add(new Object[] {
                    runNo,
                    part.segment().segNo(),
                    outcome.segment().segNo(),
                    k + 1,
                    parts.size(),
                    part.customers(),
                    part.firstKey(),
                    part.lastKey(),
                    part.file(),
                    String.join("\n", part.anchors())
                });
            }
        }
        jdbc.batchUpdate(
                "INSERT INTO sb_run_chunk (run_no, seg_no, parent_no, chunk_no, chunk_count, customers_count,"
                        + " first_key, last_key, file, anchors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    /** A static part a run cut: the static segment's ID and name now, and its member file (relative to the run folder). */
    public record CutPart(String id, String name, String file) {}

    /** The static parts a run cut from a filter segment, in order. */
    public List<CutPart> parts(long runNo, long parentNo) {
        return jdbc.query(
                "SELECT s.id, s.name, rc.file FROM sb_run_chunk rc JOIN sb_segment s ON s.seg_no = rc.seg_no"
                        + " WHERE rc.run_no = ? AND rc.parent_no = ? ORDER BY rc.chunk_no",
                (rs, i) -> new CutPart(rs.getString(1), rs.getString(2), rs.getString(3)),
                runNo,
                parentNo);
    }

    /** Makes a job's static segment hold the customers it lists (at commit, as its current members). */
    public void replaceStaticMembers(long segNo, List<String> customerIds) {
        jdbc.update("DELETE FROM sb_segment_customer WHERE seg_no = ?", segNo);
        jdbc.batchUpdate(
                "INSERT INTO sb_segment_customer (seg_no, customer_id) VALUES (?, ?)",
                customerIds.stream()
                        .distinct()
                        .map(id -> new Object[] {segNo, id})
                        .toList());
    }

    /**
     * The segments that hold a customer (by identity: its {@code id}, or its {@code source_id} when it has none):
     * filter segments by their current run, the static parts cut from them, and static segments. Oldest first.
     */
    public List<Holding> segmentsOf(String customerKey) {
        record Held(long segNo, String id, String name, OffsetDateTime createdAt) {}
        List<Held> held = new ArrayList<>();
        // each filter segment's current run, read once: a run that commits meanwhile changes no answer half-way (the
        // run it replaced keeps its customers until the job's next commit)
        Map<Long, Set<Long>> segmentsByRun = new TreeMap<>();
        jdbc.query(
                "SELECT seg_no, current_run_no FROM sb_segment WHERE current_run_no IS NOT NULL"
                        + " AND removed_at IS NULL AND type <> 'static'",
                rs -> {
                    segmentsByRun
                            .computeIfAbsent(rs.getLong(2), run -> new HashSet<>())
                            .add(rs.getLong(1));
                });
        for (long runNo : segmentsByRun.keySet()) {
            Set<Long> current = segmentsByRun.getOrDefault(runNo, Set.of());
            if (!customers.exists(runNo)) {
                continue;
            }
            StoredCustomer customer = customers.find(runNo, customerKey);
            if (customer == null) {
                continue;
            }
            List<Long> heldFilterSegments = new ArrayList<>();
            jdbc.query(
                    "SELECT s.seg_no, s.id, s.name, s.created_at, rs.bit FROM sb_run_segment rs"
                            + " JOIN sb_segment s ON s.seg_no = rs.seg_no"
                            + " WHERE rs.run_no = ? AND s.removed_at IS NULL",
                    rs -> {
                        if (current.contains(rs.getLong(1)) && customer.has(rs.getInt(5))) {
                            heldFilterSegments.add(rs.getLong(1));
                            held.add(new Held(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class)));
                        }
                    },
                    runNo);
            if (heldFilterSegments.isEmpty()) {
                continue;
            }
            // only the parts of the segments the customer is in: all of the run's parts (591 on the 1M bench) in a
            // join the planner had no statistics for yet took 13 ms, most of the request
            List<Object> arguments = new ArrayList<>(heldFilterSegments.size() + 1);
            arguments.add(runNo);
            arguments.addAll(heldFilterSegments);
            // parts are key ranges; compared here in code point order, whatever the database's collation
            jdbc.query(
                    "SELECT c.seg_no, c.id, c.name, c.created_at, rc.first_key, rc.last_key FROM sb_run_chunk rc"
                            + " JOIN sb_segment c ON c.seg_no = rc.seg_no"
                            + " WHERE rc.run_no = ? AND c.removed_at IS NULL AND rc.parent_no IN ("
                            + Placeholders.list(heldFilterSegments.size())
                            + ")",
                    rs -> {
                        if (Identities.compare(rs.getString(5), customerKey) <= 0
                                && Identities.compare(customerKey, rs.getString(6)) <= 0) {
                            held.add(new Held(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class)));
                        }
                    },
                    arguments.toArray());
        }
        jdbc.query(
                "SELECT s.seg_no, s.id, s.name, s.created_at FROM sb_segment_customer sc JOIN sb_segment s ON s.seg_no = sc.seg_no"
                        + " WHERE sc.customer_id = ? AND s.removed_at IS NULL",
                rs -> {
                    held.add(new Held(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
                },
                customerKey);
        return held.stream()
                .sorted(Comparator.comparing(Held::createdAt).thenComparingLong(Held::segNo))
                .map(h -> new Holding(h.id(), h.name()))
                .toList();
    }

    /** One page of a segment's current members, in identity order. */
    public Page members(StoredSegment segment, int limit, long offset) {
        if (segment.type() == SegmentType.STATIC && segment.origin() != StoredSegment.Origin.PART) {
            // at most 20,000 IDs, ordered here by code point: H2 orders text by UTF-16 unit, which puts an emoji
            // (U+1F600) before U+FF21
            List<String> ids = jdbc.queryForList(
                    "SELECT customer_id FROM sb_segment_customer WHERE seg_no = ?", String.class, segment.segNo());
            ids.sort(Identities.ORDER);
            int from = (int) Math.min(offset, ids.size());
            int to = (int) Math.min(from + (long) limit, ids.size());
            List<String> page = ids.subList(from, to);
            // a job's static segment: the source IDs its last run read, as its segments/<id>.csv has them (a segment
            // made through the API belongs to no run, and its members have none)
            Long runNo = segment.currentRunNo();
            Map<String, StoredCustomer> read = runNo != null && !page.isEmpty() && customers.exists(runNo)
                    ? customers.find(runNo, page)
                    : Map.of();
            // a listed ID that is a customer's source_id (one with no id) is that customer, as in a filter segment
            return new Page(
                    page.stream()
                            .map(id -> read.containsKey(id) ? member(read.get(id)) : new Member(id, null))
                            .toList(),
                    ids.size());
        }
        Long runNo = segment.currentRunNo();
        if (runNo == null || !customers.exists(runNo)) {
            return new Page(List.of(), 0);
        }
        long parentNo = segment.origin() == StoredSegment.Origin.PART ? segment.parentNo() : segment.segNo();
        int bit = bitOf(runNo, parentNo);
        if (bit < 0) {
            return new Page(List.of(), 0);
        }
        record Part(@Nullable String firstKey, @Nullable String lastKey, long count, List<String> anchors) {}
        List<Part> parts = jdbc.query(
                "SELECT first_key, last_key, customers_count, anchors FROM sb_run_chunk WHERE run_no = ? AND "
                        + (segment.origin() == StoredSegment.Origin.PART ? "seg_no" : "parent_no")
                        + " = ? ORDER BY chunk_no",
                (rs, i) -> new Part(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4) == null || rs.getString(4).isEmpty()
                                ? List.of()
                                : List.of(rs.getString(4).split("\n"))),
                runNo,
                segment.segNo());
        if (parts.isEmpty() && segment.origin() != StoredSegment.Origin.PART) {
            // a run that recorded no parts for it (converted from the old shape): the whole segment is one range
            List<Long> members = jdbc.queryForList(
                    "SELECT members FROM sb_run_segment WHERE run_no = ? AND seg_no = ?",
                    Long.class,
                    runNo,
                    segment.segNo());
            parts = List.of(new Part(null, null, members.isEmpty() ? 0 : members.get(0), List.of()));
        }
        long total = parts.stream().mapToLong(Part::count).sum();
        List<Member> page = new ArrayList<>(Math.min(limit, 1000));
        long skip = offset;
        for (Part part : parts) {
            if (page.size() == limit) {
                break;
            }
            if (skip >= part.count()) {
                skip -= part.count();
                continue;
            }
            // a part is a key range, with an anchor key every ANCHOR_EVERY members: a page starts from the nearest
            // anchor before it and skips at most that many, whatever the page number
            int anchor = (int) Math.min(
                    skip / SegmentOutcome.Part.ANCHOR_EVERY, part.anchors().size());
            String from = anchor == 0 ? part.firstKey() : part.anchors().get(anchor - 1);
            skip -= (long) anchor * SegmentOutcome.Part.ANCHOR_EVERY;
            for (StoredCustomer c : customers.members(runNo, bit, from, part.lastKey(), limit - page.size(), skip)) {
                page.add(member(c));
            }
            skip = 0;
        }
        return new Page(page, total);
    }

    /** A stored customer as the API lists it: its id, or none and its source_id when it has no id. */
    private static Member member(StoredCustomer c) {
        return new Member(c.id(), c.shownSourceId());
    }

    private long count(String sql, Object... arguments) {
        Long count = jdbc.queryForObject(sql, Long.class, arguments);
        return count == null ? 0 : count;
    }
}
