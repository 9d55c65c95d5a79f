package io.segmentbatch.segment;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Membership writes as JDBC batches, for H2 and other databases without {@code COPY}. */
public class JdbcMembershipStore implements MembershipStore {
    protected final JdbcTemplate jdbc;
    private final KeyLookups lookups;

    public JdbcMembershipStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.lookups = new KeyLookups(jdbc);
    }

    @Override
    public void prepareRun(long runNo) {
        // one table with a plain index
    }

    @Override
    public void indexRun(long runNo) {
        // indexed as rows arrive
    }

    @Override
    public void dropRun(long runNo) {
        jdbc.update("DELETE FROM sb_run_member WHERE run_no = ?", runNo);
        jdbc.update("DELETE FROM sb_run_customer WHERE run_no = ?", runNo);
    }

    @Override
    public void append(long runNo, List<EvaluatedCustomer> customers) {
        List<Object[]> customerRows = new ArrayList<>(customers.size());
        List<Object[]> memberRows = new ArrayList<>();
        for (EvaluatedCustomer customer : customers) {
            customerRows.add(new Object[]{runNo, customer.key(), customer.id(), customer.sourceId(), customer.name(), customer.email()});
            for (long segNo : customer.segNos()) {
                memberRows.add(new Object[]{runNo, segNo, customer.key(), customer.sourceId(), customer.id() != null});
            }
        }
        jdbc.batchUpdate("INSERT INTO sb_run_customer (run_no, customer_key, customer_id, source_id, name, email) VALUES (?, ?, ?, ?, ?, ?)", customerRows);
        jdbc.batchUpdate("INSERT INTO sb_run_member (run_no, seg_no, customer_key, source_id, has_id) VALUES (?, ?, ?, ?, ?)", memberRows);
    }

    @Override
    public void appendEvents(List<OutboxEvent> events) {
        jdbc.batchUpdate("INSERT INTO sb_event (id, run_id, segment_id, type, customer_key, created_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
                events.stream().map(e -> new Object[]{e.id(), e.runId(), e.segmentId(), e.type(), e.customerKey(),
                        SegmentCatalog.timestamp(e.createdAt()), e.payload()}).toList());
    }

    @Override
    public void mergeMembers(long runNo, Long baselineRunNo, long segNo, MemberRowHandler handler) {
        // a connection of its own: the caller writes events on the transaction's connection meanwhile
        try (Connection connection = jdbc.getDataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT customer_key, source_id, has_id, 1 AS side FROM sb_run_member WHERE run_no = ? AND seg_no = ?
                     UNION ALL
                     SELECT customer_key, source_id, has_id, 2 AS side FROM sb_run_member WHERE run_no = ? AND seg_no = ?
                     ORDER BY 1, 4""")) {
            statement.setFetchSize(10_000);
            statement.setLong(1, runNo);
            statement.setLong(2, segNo);
            statement.setLong(3, baselineRunNo == null ? -1 : baselineRunNo);
            statement.setLong(4, segNo);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4) == 1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the members of segment " + segNo + " failed", e);
        }
    }

    @Override
    public Set<String> storedKeys(long runNo, List<String> keys) {
        Set<String> found = new HashSet<>();
        lookups.query("SELECT customer_key FROM sb_run_customer", runNo, keys, rs -> {
            found.add(rs.getString(1));
        });
        return found;
    }
}
