package io.segmentbatch.segment;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Membership writes with PostgreSQL's {@code COPY} (pgjdbc's CopyManager), on the transaction's connection. */
public final class PostgresMembershipStore extends JdbcMembershipStore {
    private final DataSource dataSource;

    public PostgresMembershipStore(DataSource dataSource) {
        super(new JdbcTemplate(dataSource));
        this.dataSource = dataSource;
    }

    @Override
    public void prepareRun(long runNo) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + partition(runNo) + " PARTITION OF sb_run_member FOR VALUES IN (" + runNo + ")");
        jdbc.execute("CREATE TABLE IF NOT EXISTS sb_run_customer_" + runNo + " PARTITION OF sb_run_customer FOR VALUES IN (" + runNo + ")");
    }

    /**
     * Indexes the run's members (with what the merge reads, so it reads the index alone) and vacuums both of the
     * run's partitions. This runs on an autocommit connection of its own, outside the step's transaction:
     * VACUUM cannot run in a transaction, and waiting on a lock the step's own transaction holds would hang.
     */
    @Override
    public void indexRun(long runNo) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("SET maintenance_work_mem = '1GB'");
                statement.execute("CREATE INDEX IF NOT EXISTS " + partition(runNo) + "_seg ON " + partition(runNo)
                        + " (seg_no, customer_key) INCLUDE (source_id, has_id)");
                statement.execute("VACUUM (ANALYZE) " + partition(runNo));
                statement.execute("VACUUM (ANALYZE) sb_run_customer_" + runNo);
                statement.execute("RESET maintenance_work_mem");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("indexing the members of run " + runNo + " failed", e);
        }
    }

    /**
     * {@code COPY (merge query) TO STDOUT}: the rows arrive as text lines, with none of a result set's per-row
     * cost, from index-only scans of the two runs' partitions.
     */
    @Override
    public void mergeMembers(long runNo, Long baselineRunNo, long segNo, MemberRowHandler handler) {
        String sql = "COPY (SELECT customer_key, source_id, has_id, 1 AS side FROM " + partition(runNo) + " WHERE seg_no = " + segNo
                + (baselineRunNo == null ? "" : " UNION ALL SELECT customer_key, source_id, has_id, 2 AS side FROM "
                + partition(baselineRunNo) + " WHERE seg_no = " + segNo) + " ORDER BY 1, 4) TO STDOUT";
        // a connection of its own: the caller writes events on the transaction's connection meanwhile
        try (Connection connection = dataSource.getConnection()) {
            Writer rows = new CopyLines(fields -> handler.row(fields[0], fields[1], "t".equals(fields[2]), "1".equals(fields[3])), 4);
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, rows);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading members failed: " + sql, e);
        }
    }

    @Override
    public void dropRun(long runNo) {
        jdbc.execute("DROP TABLE IF EXISTS " + partition(runNo));
        jdbc.execute("DROP TABLE IF EXISTS sb_run_customer_" + runNo);
    }

    private static String partition(long runNo) {
        return "sb_run_member_" + runNo;
    }

    @Override
    public void append(long runNo, List<EvaluatedCustomer> customers) {
        StringBuilder customerRows = new StringBuilder(customers.size() * 96);
        StringBuilder memberRows = new StringBuilder(customers.size() * 48);
        String run = Long.toString(runNo);
        for (EvaluatedCustomer customer : customers) {
            customerRows.append(run).append('\t');
            CopyText.append(customerRows, customer.key()).append('\t');
            CopyText.append(customerRows, customer.id()).append('\t');
            CopyText.append(customerRows, customer.sourceId()).append('\t');
            CopyText.append(customerRows, customer.name()).append('\t');
            CopyText.append(customerRows, customer.email()).append('\n');
            StringBuilder member = new StringBuilder(64);
            CopyText.append(member, customer.key()).append('\t');
            CopyText.append(member, customer.sourceId()).append('\t').append(customer.id() != null ? 't' : 'f').append('\n');
            for (long segNo : customer.segNos()) {
                memberRows.append(run).append('\t').append(segNo).append('\t').append(member);
            }
        }
        copy("COPY sb_run_customer (run_no, customer_key, customer_id, source_id, name, email) FROM STDIN", customerRows);
        copy("COPY sb_run_member (run_no, seg_no, customer_key, source_id, has_id) FROM STDIN", memberRows);
    }

    @Override
    public void appendEvents(List<OutboxEvent> events) {
        StringBuilder rows = new StringBuilder(events.size() * 400);
        for (OutboxEvent event : events) {
            CopyText.append(rows, event.id()).append('\t');
            CopyText.append(rows, event.runId()).append('\t');
            CopyText.append(rows, event.segmentId()).append('\t');
            CopyText.append(rows, event.type()).append('\t');
            CopyText.append(rows, event.customerKey()).append('\t');
            rows.append(event.createdAt()).append('\t');
            CopyText.append(rows, event.payload()).append('\n');
        }
        copy("COPY sb_event (id, run_id, segment_id, type, customer_key, created_at, payload) FROM STDIN", rows);
    }

    /** Runs a COPY on the connection bound to the current transaction, so that it commits or rolls back with it. */
    public void copy(String sql, CharSequence rows) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY failed: " + sql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
