package io.segmentbatch.store;

import io.segmentbatch.segment.CustomerCursor;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.Identities;
import io.segmentbatch.segment.StoredCustomer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customers of each run, one row per customer, in a table of the run's own ({@code sb_customers_<run no>}):
 * identity, what files and events show, and the matched segments as a bitmap. A run's table is created when the
 * run is prepared, loaded without an index (PostgreSQL {@code COPY}, JDBC batches on H2), indexed once loaded,
 * and dropped whole once no segment's baseline is that run. A run touches no table but its own, so runs of
 * different jobs neither lock nor drop each other's rows.
 *
 * <p>On PostgreSQL the identity is kept once too: {@code customer_id} is {@code ''} when the customer's ID is its key
 * (as it is whenever it has one), {@code NULL} when it has none. Tables of earlier versions hold the ID itself; both
 * read the same.
 *
 * <p>On H2 the identity is kept once, as its {@link Identities#sortKey sort key} (H2 orders strings by UTF-16 unit),
 * and the rest of what files and events show as one binary value ({@link PackedContact}): whether the key is their
 * ID (a customer's key is their ID when they have one, else their {@code source_id}), {@code source_id}, name and
 * email. H2 writes every byte of a row again in the run's index and in the sort that builds it, and handles each
 * value on its own: the ID and key as strings of their own made the 1M bench's dedupe step (the index build) 30%
 * longer, and the four values of a contact apart a fifth longer than one.
 */
public class RunCustomers {
    private static final String COLUMNS = "customer_key, customer_id, source_id, name, email, m0, m1";
    private static final String H2_COLUMNS = "sort_key, m0, m1, contact";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    // each evaluating thread's COPY rows, kept from chunk to chunk: a new buffer per chunk, grown as it filled, was
    // a twentieth of the bytes the 1M bench allocated (JFR). A chunk takes it and gives it back when stored, so that
    // two chunks open on one thread never share it.
    private final ThreadLocal<CopyText.Rows> spareRows = new ThreadLocal<>();

    // H2: the keys each run evaluating in this process has stored since its table was empty (watchKeys)
    private final Map<Long, SeenKeys> seen = new ConcurrentHashMap<>();

    RunCustomers(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.dialect = dialect;
    }

    static String table(long runNo) {
        return "sb_customers_" + runNo;
    }

    private String columns() {
        return dialect == Dialect.POSTGRES ? COLUMNS : H2_COLUMNS;
    }

    /** The column that holds the identity, in identity order. */
    private String keyColumn() {
        return dialect == Dialect.POSTGRES ? "customer_key" : "sort_key";
    }

    /** A key as {@link #keyColumn()} stores it. */
    private String stored(String key) {
        return dialect == Dialect.POSTGRES ? key : Identities.sortKey(key);
    }

    /** The key that {@link #keyColumn()} stores as {@code stored}. */
    private String key(String stored) {
        return dialect == Dialect.POSTGRES ? stored : Identities.keyOf(stored);
    }

    /** Creates the run's table; safe to call again (restart). */
    public void create(long runNo) {
        String customer = dialect == Dialect.POSTGRES
                ? "customer_key TEXT COLLATE \"C\" NOT NULL, customer_id TEXT, source_id TEXT, name TEXT, email TEXT,"
                        + " m0 BIGINT NOT NULL, m1 BIGINT NOT NULL"
                : "sort_key VARCHAR NOT NULL, m0 BIGINT NOT NULL, m1 BIGINT NOT NULL, contact VARBINARY NOT NULL";
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + table(runNo) + " (" + customer
                + ", file_no INTEGER NOT NULL, line BIGINT NOT NULL, lines INTEGER NOT NULL)");
        jdbc.update("UPDATE sb_run SET stored = TRUE WHERE run_no = ?", runNo);
    }

    /**
     * H2: remembers the keys the run stores in this process from now on, so that {@link #removeDuplicates} looks up only
     * those that may have come twice instead of grouping the whole table (1.1 s of the 1M bench's dedupe step on H2).
     * Only when the run has stored nothing yet: a restarted run's table holds rows that another attempt, maybe in
     * another process, stored, and it is grouped. {@code expectedKeys} sizes the filter. Does nothing on PostgreSQL,
     * where the run's unique index finds duplicates. Call {@link #forgetKeys} when the attempt ends, however it ends.
     */
    public void watchKeys(long runNo, long expectedKeys) {
        if (dialect != Dialect.H2) {
            return;
        }
        seen.remove(runNo);
        Boolean empty = jdbc.query("SELECT 1 FROM " + table(runNo) + " LIMIT 1", rs -> !rs.next());
        if (Boolean.TRUE.equals(empty)) {
            seen.put(runNo, new SeenKeys(expectedKeys));
        }
    }

    /** Forgets the keys {@link #watchKeys} remembered for the run. */
    public void forgetKeys(long runNo) {
        seen.remove(runNo);
    }

    /** Appends evaluated customers inside the caller's transaction (the chunk's). */
    public void append(long runNo, List<? extends EvaluatedCustomer> customers) {
        Chunk chunk = chunk(runNo);
        customers.forEach(chunk::add);
        store(chunk);
    }

    /** Starts a chunk of the run's customers: {@link Chunk#add add} them, then {@link #store store} the chunk. */
    public Chunk chunk(long runNo) {
        return dialect == Dialect.POSTGRES ? new CopyChunk(runNo) : new BatchChunk(runNo);
    }

    /** Stores the customers added to the chunk, inside the caller's transaction. Call it once a chunk. */
    public void store(Chunk chunk) {
        chunk.store();
    }

    /**
     * One chunk's customers on their way into the run's table: each {@linkplain #add added} as it is evaluated, all
     * {@linkplain RunCustomers#store stored} inside the caller's transaction (the chunk's). A customer becomes its row
     * as it is added, while its values are still in the processor's caches: encoded after the chunk's 5,000 customers
     * were all read (a record's reading allocates some 5 kB), PostgreSQL's COPY rows took 0.55 s of the evaluating
     * threads' CPU on the 1M bench, most of it fetching the values from memory again.
     */
    public abstract sealed class Chunk permits CopyChunk, BatchChunk {
        final long runNo;
        private int size;

        private Chunk(long runNo) {
            this.runNo = runNo;
        }

        public final void add(EvaluatedCustomer c) {
            size++;
            row(c);
        }

        /** The customers added. */
        public final int size() {
            return size;
        }

        abstract void row(EvaluatedCustomer c);

        abstract void store();
    }

    /** PostgreSQL: the chunk's rows as COPY text, in the thread's buffer from the first row until stored. */
    private final class CopyChunk extends Chunk {
        private CopyText.@Nullable Rows rows;

        private CopyChunk(long runNo) {
            super(runNo);
        }

        @Override
        void row(EvaluatedCustomer c) {
            CopyText.Rows to = rows;
            if (to == null) {
                to = spareRows.get();
                spareRows.remove();
                to = to != null ? to : new CopyText.Rows(1 << 20);
                to.clear();
                rows = to;
            }
            to.text(c.key())
                    .tab()
                    .text(storedId(c))
                    .tab()
                    .text(c.sourceId())
                    .tab()
                    .text(c.name())
                    .tab()
                    .text(c.email())
                    .tab()
                    .plain(c.m0())
                    .tab()
                    .plain(c.m1())
                    .tab()
                    .plain(c.fileNo())
                    .tab()
                    .plain(c.line())
                    .tab()
                    .plain(c.lines())
                    .end();
        }

        @Override
        void store() {
            CopyText.Rows stored = rows;
            if (stored == null) {
                return;
            }
            try {
                copyIn(
                        "COPY " + table(runNo)
                                + " (customer_key, customer_id, source_id, name, email, m0, m1, file_no, line, lines)"
                                + " FROM STDIN",
                        stored);
            } finally {
                rows = null;
                stored.clear();
                spareRows.set(stored);
            }
        }
    }

    /** H2: the chunk's rows for one JDBC batch, and their keys for the run's Bloom filter. */
    private final class BatchChunk extends Chunk {
        private final List<H2Row> rows = new ArrayList<>();
        private final @Nullable SeenKeys keys;

        private BatchChunk(long runNo) {
            super(runNo);
            this.keys = seen.get(runNo);
        }

        @Override
        void row(EvaluatedCustomer c) {
            rows.add(new H2Row(
                    Identities.sortKey(c.key()),
                    c.m0(),
                    c.m1(),
                    PackedContact.pack(hasId(c), c.sourceId(), c.name(), c.email()),
                    c.fileNo(),
                    c.line(),
                    c.lines()));
            if (keys != null) {
                keys.add(c.key());
            }
        }

        @Override
        void store() {
            insert(runNo, rows);
        }
    }

    /** H2: a row of the run's table, made as its customer is added to the chunk. */
    private record H2Row(String sortKey, long m0, long m1, byte[] contact, int fileNo, long line, int lines) {}

    /** H2: the chunk's rows in one JDBC batch. */
    private void insert(long runNo, List<H2Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // typed setters: given Object[] rows, Spring looked each value's SQL type up and H2 converted it (JFR: a
        // tenth of the evaluating threads' samples on H2)
        jdbc.batchUpdate(
                "INSERT INTO " + table(runNo) + " (" + H2_COLUMNS + ", file_no, line, lines)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement statement, int i) throws SQLException {
                        H2Row row = rows.get(i);
                        statement.setString(1, row.sortKey());
                        statement.setLong(2, row.m0());
                        statement.setLong(3, row.m1());
                        statement.setBytes(4, row.contact());
                        statement.setInt(5, row.fileNo());
                        statement.setLong(6, row.line());
                        statement.setInt(7, row.lines());
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                });
    }

    /**
     * PostgreSQL: the ID as the run's table keeps it, {@code ''} when it is the key (as it is whenever there is one): the
     * key is not sent and stored twice. An ID is never empty (an empty cell is none), and tables of earlier versions,
     * which hold the ID itself, read the same ({@link #id}).
     */
    private static String storedId(EvaluatedCustomer c) {
        return c.id() != null && c.id().equals(c.key()) ? "" : c.id();
    }

    /** The customer ID that {@link #storedId} stored for {@code key}. */
    private static String id(String key, String stored) {
        return stored != null && stored.isEmpty() ? key : stored;
    }

    /** Whether the customer's key is their ID, as the parser makes it: the ID when there is one, else source_id. */
    private static boolean hasId(EvaluatedCustomer c) {
        if (c.id() == null) {
            return false;
        }
        if (!c.id().equals(c.key())) {
            throw new IllegalArgumentException("customer " + c.key() + " has another ID: " + c.id());
        }
        return true;
    }

    /** A customer ID stored more than once: a later occurrence, and where the first one stands. */
    public record Duplicate(String key, int fileNo, long line, int lines, int firstFileNo, long firstLine) {}

    /**
     * Removes every occurrence of a customer ID but its first in input order, and returns the removed ones in input
     * order. One grouping query over the run's table, or none: on PostgreSQL the run's unique index is built first,
     * and only when it finds an identity twice does the grouping query run; on H2, when this process {@linkplain
     * #watchKeys watched} every key the run stored, only the keys that may have come twice are looked up.
     */
    public List<Duplicate> removeDuplicates(long runNo) {
        String table = table(runNo);
        List<Duplicate> duplicates = new ArrayList<>();
        Map<String, long[]> first = new HashMap<>();
        String group = keyColumn();
        SeenKeys watched = seen.remove(runNo);
        if (dialect == Dialect.H2) {
            // H2 groups along an index in one ordered pass; without one it hashed every key in this JVM's heap
            // (11.7 s of the 1M bench): so on H2 the run's index is built first, and the index step finds it made
            index(runNo);
        } else if (uniqueIndexBuilt(runNo)) {
            // an export rarely holds an ID twice: the unique index, which the index step builds anyway, says so in
            // one sort, where the grouping query hashed every key first (0.7 s of the 1M bench's 15 s)
            return duplicates;
        }
        RowCallbackHandler occurrence = rs -> {
            String key = key(rs.getString(1));
            long[] seen = first.get(key);
            if (seen == null) {
                first.put(key, new long[] {rs.getInt(2), rs.getLong(3)});
            } else {
                duplicates.add(new Duplicate(key, rs.getInt(2), rs.getLong(3), rs.getInt(4), (int) seen[0], seen[1]));
            }
        };
        String duplicated = "SELECT " + group + " FROM " + table + " GROUP BY " + group + " HAVING COUNT(*) > 1";
        String occurrences = "SELECT " + group + ", file_no, line, lines FROM " + table + " WHERE " + group + " IN (";
        if (dialect == Dialect.POSTGRES) {
            // one scan that joins the duplicated keys (there is no index yet): a query per 500 keys scanned the
            // table each time
            jdbc.query(occurrences + duplicated + ") ORDER BY customer_key, file_no, line", occurrence);
        } else {
            @Nullable List<String> candidates = watched == null ? null : watched.candidates();
            List<String> keys = candidates != null
                    ? candidates.stream().map(this::stored).toList()
                    : jdbc.queryForList(duplicated, String.class);
            for (int from = 0; from < keys.size(); from += 500) {
                List<String> batch = keys.subList(from, Math.min(keys.size(), from + 500));
                jdbc.query(
                        occurrences + Placeholders.list(batch.size()) + ") ORDER BY " + group + ", file_no, line",
                        occurrence,
                        batch.toArray());
            }
        }
        deleteOccurrences(table, duplicates);
        duplicates.sort((a, b) ->
                a.fileNo() != b.fileNo() ? Integer.compare(a.fileNo(), b.fileNo()) : Long.compare(a.line(), b.line()));
        return duplicates;
    }

    /**
     * Deletes the given occurrences. No index has a run's file and line, so one statement per occurrence scanned the
     * whole table each time: PostgreSQL joins a batch of them with one scan, H2 finds each through the run's index.
     */
    private void deleteOccurrences(String table, List<Duplicate> duplicates) {
        if (dialect == Dialect.H2) {
            jdbc.batchUpdate(
                    "DELETE FROM " + table + " WHERE sort_key = ? AND file_no = ? AND line = ?",
                    duplicates.stream()
                            .map(d -> new Object[] {stored(d.key()), d.fileNo(), d.line()})
                            .toList());
            return;
        }
        for (int from = 0; from < duplicates.size(); from += 1000) {
            List<Duplicate> batch = duplicates.subList(from, Math.min(duplicates.size(), from + 1000));
            List<Object> arguments = new ArrayList<>(batch.size() * 2);
            for (Duplicate d : batch) {
                arguments.add(d.fileNo());
                arguments.add(d.line());
            }
            jdbc.update(
                    "DELETE FROM " + table + " t USING (VALUES "
                            + String.join(
                                    ", ",
                                    java.util.Collections.nCopies(
                                            batch.size(), "(CAST(? AS INTEGER), CAST(? AS BIGINT))"))
                            + ") AS gone (file_no, line) WHERE t.file_no = gone.file_no AND t.line = gone.line",
                    arguments.toArray());
        }
    }

    /**
     * Indexes the run's customers by identity once they are all stored (built in one sort; unique on PostgreSQL), on
     * a connection of its own outside the step's transaction. Does nothing but refresh PostgreSQL's statistics when
     * the dedupe step built it.
     */
    public void index(long runNo) {
        try {
            buildIndex(runNo, true);
        } catch (SQLException e) {
            throw new IllegalStateException("indexing the customers of run " + runNo + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * PostgreSQL: builds the run's unique index, or finds that an identity is there twice (the index is then not
     * made: a failed {@code CREATE INDEX} leaves nothing behind).
     */
    private boolean uniqueIndexBuilt(long runNo) {
        try {
            buildIndex(runNo, false);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("indexing the customers of run " + runNo + " failed: " + e.getMessage(), e);
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private void buildIndex(long runNo, boolean analyze) throws SQLException {
        String table = table(runNo);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                if (dialect == Dialect.POSTGRES) {
                    statement.execute("SET maintenance_work_mem = '256MB'");
                }
                // H2 reads a row through an index from the index alone when the index holds every column the query
                // reads: so its index holds them all, and the publisher's ordered pass is one scan of it instead of
                // a primary-key lookup per customer (JFR: those lookups were 60% of publishing on H2). It is made
                // before the dedupe step, which groups along it, so it cannot be unique: the dedupe step is what
                // leaves one row per identity there.
                try {
                    statement.execute(
                            dialect == Dialect.POSTGRES
                                    ? "CREATE UNIQUE INDEX IF NOT EXISTS " + table + "_key ON " + table
                                            + " (customer_key)"
                                    : "CREATE INDEX IF NOT EXISTS " + table + "_key ON " + table + " (" + H2_COLUMNS
                                            + ")");
                } finally {
                    if (dialect == Dialect.POSTGRES) {
                        statement.execute("RESET maintenance_work_mem");
                    }
                }
                if (dialect == Dialect.POSTGRES && analyze) {
                    statement.execute("VACUUM (ANALYZE) " + table);
                }
            }
        }
    }

    public long count(long runNo) {
        if (!exists(runNo)) {
            return 0;
        }
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table(runNo), Long.class);
        return count == null ? 0 : count;
    }

    /** Whether the run's table is there (a run that never started evaluating, or was purged, has none). */
    public boolean exists(long runNo) {
        Boolean stored = jdbc.query(
                "SELECT stored FROM sb_run WHERE run_no = ?", rs -> rs.next() ? rs.getBoolean(1) : false, runNo);
        return Boolean.TRUE.equals(stored);
    }

    /** Drops the run's table. */
    public void drop(long runNo) {
        seen.remove(runNo);
        jdbc.execute("DROP TABLE IF EXISTS " + table(runNo));
        jdbc.update("UPDATE sb_run SET stored = FALSE WHERE run_no = ?", runNo);
    }

    /**
     * The run's customers in identity order, streamed on a connection of the cursor's own; with {@code contacts}
     * false, without their names and emails (null): the publisher's pass when no change becomes an event.
     */
    public CustomerCursor sorted(long runNo, boolean contacts) {
        String contact = contacts ? "name, email" : "NULL, NULL";
        // PostgreSQL: the ID, which is the key when there is one, is sent as '' when it is the key (COPY does not
        // send it twice; an ID is never empty: an empty cell is none). A run's table stores it so (storedId); the
        // CASE sends the same for the tables of earlier versions, which hold the ID itself. On the 1M bench, without
        // the contacts and the repeated ID the COPY alone took 0.66 s against 0.75-0.95 s in psql.
        String sql = dialect == Dialect.POSTGRES
                ? "SELECT customer_key, CASE WHEN customer_id = customer_key THEN '' ELSE customer_id END, source_id, "
                        + contact + ", m0, m1 FROM " + table(runNo) + " ORDER BY customer_key"
                : "SELECT " + H2_COLUMNS + " FROM " + table(runNo) + " ORDER BY sort_key";
        try {
            return dialect == Dialect.POSTGRES
                    ? new CopyCursor(dataSource.getConnection(), sql)
                    : new JdbcCursor(dataSource.getConnection(), sql, contacts);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the customers of run " + runNo + " failed: " + e.getMessage(), e);
        }
    }

    /** The customers among {@code keys} that the run stored, by key. */
    public Map<String, StoredCustomer> find(long runNo, List<String> keys) {
        Map<String, StoredCustomer> found = new HashMap<>(keys.size() * 2);
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 500));
            String marks = Placeholders.list(batch.size());
            String column = keyColumn();
            Object[] arguments = batch.stream().map(this::stored).toArray();
            jdbc.query(
                    "SELECT " + columns() + " FROM " + table(runNo) + " WHERE " + column + " IN (" + marks + ")",
                    rs -> {
                        StoredCustomer c = row(rs);
                        found.put(c.key(), c);
                    },
                    arguments);
        }
        return found;
    }

    /** One customer of the run by identity, or null. */
    public @Nullable StoredCustomer find(long runNo, String key) {
        return find(runNo, List.of(key)).get(key);
    }

    /**
     * A page of the members of segment bit {@code bit} from {@code fromKey} (inclusive) to {@code toKey} (inclusive;
     * null: the end), in identity order, skipping {@code offset} of them.
     */
    public List<StoredCustomer> members(
            long runNo, int bit, @Nullable String fromKey, @Nullable String toKey, int limit, long offset) {
        String column = bit < 64 ? "m0" : "m1";
        String key = keyColumn();
        List<Object> arguments = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "SELECT " + columns() + " FROM " + table(runNo) + " WHERE " + dialect.anyBit(column, 1L << (bit & 63)));
        if (fromKey != null) {
            sql.append(" AND ").append(key).append(" >= ?");
            arguments.add(stored(fromKey));
        }
        if (toKey != null) {
            sql.append(" AND ").append(key).append(" <= ?");
            arguments.add(stored(toKey));
        }
        sql.append(" ORDER BY ").append(key).append(" LIMIT ? OFFSET ?");
        arguments.add(limit);
        arguments.add(offset);
        return jdbc.query(sql.toString(), (rs, i) -> row(rs), arguments.toArray());
    }

    @SuppressWarnings("NullAway") // no ID (a customer keyed by source_id) is null, as getString gives it on PostgreSQL
    private StoredCustomer row(ResultSet rs) throws SQLException {
        if (dialect == Dialect.H2) {
            return h2Row(rs, true);
        }
        String key = rs.getString(1);
        return new StoredCustomer(
                key,
                id(key, rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7));
    }

    /** A row of {@link #H2_COLUMNS}. */
    private static StoredCustomer h2Row(ResultSet rs, boolean contacts) throws SQLException {
        return PackedContact.unpack(
                Identities.keyOf(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getBytes(4), contacts);
    }

    /** Runs a COPY on the connection bound to the current transaction, so that it commits or rolls back with it. */
    void copyIn(String sql, CopyText.Rows rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows.stream());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage() + " (" + sql + ")", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** PostgreSQL: {@code COPY (query) TO STDOUT}, pulled a row at a time: none of a result set's per-row cost. */
    private static final class CopyCursor implements CustomerCursor {
        private final Connection connection;
        private final CopyOut copy;
        private final CopyText.Row reader = new CopyText.Row();

        CopyCursor(Connection connection, String query) throws SQLException {
            this.connection = connection;
            try {
                // the whole table in key order: one sequential read and a sort beat fetching every row through the
                // index, at random in the table (the planner's choice, as the table is cached: 1M bench, the
                // COPY alone 0.9 s against 2.3 s, and the database's CPU over the run 0.9 s less)
                try (var statement = connection.createStatement()) {
                    statement.execute("SET enable_indexscan = off");
                }
                this.copy =
                        connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
            } catch (SQLException e) {
                release(connection);
                throw e;
            }
        }

        // the ID, source_id, name and email are null where the row holds none, as H2's rows give them
        @SuppressWarnings("NullAway")
        @Override
        public @Nullable StoredCustomer next() {
            try {
                byte[] row = copy.readFromCopy();
                if (row == null) {
                    return null;
                }
                CopyText.Row fields = reader.of(row);
                String key = fields.text();
                String id = id(key, fields.text());
                String sourceId = fields.text();
                String name = fields.text();
                String email = fields.text();
                return new StoredCustomer(key, id, sourceId, name, email, fields.number(), fields.number());
            } catch (SQLException e) {
                throw new IllegalStateException("reading stored customers failed: " + e.getMessage(), e);
            }
        }

        /**
         * Reads what is left of the COPY before the connection goes back to the pool (a pass that failed half-way stops
         * reading): cancelling it instead left a connection on which the run's restart failed ("An I/O error occurred
         * while sending to the backend"), since a cancel request reaches the server on a connection of its own, at a
         * time of its own.
         */
        @Override
        public void close() {
            try {
                while (copy.isActive() && copy.readFromCopy() != null) {
                    // drained
                }
            } catch (SQLException e) {
                // a broken connection: the pool drops it
            } finally {
                release(connection);
            }
        }

        /** Gives the connection back to the pool as it came: planning as usual. */
        private static void release(Connection connection) {
            try (var statement = connection.createStatement()) {
                statement.execute("RESET enable_indexscan");
            } catch (SQLException e) {
                // a broken connection: the pool drops it
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to release
            }
        }
    }

    /** H2: a forward-only result set with a fetch size. */
    private static final class JdbcCursor implements CustomerCursor {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final boolean contacts;

        JdbcCursor(Connection connection, String query, boolean contacts) throws SQLException {
            this.connection = connection;
            this.contacts = contacts;
            try {
                // H2 copies a whole result to a temporary file of its own before handing the first row over when it
                // is larger than its in-memory limit: a million rows were written and read again (JFR: two thirds of
                // publishing on H2). Lazy execution hands rows over as the index scan finds them.
                try (var lazy = connection.createStatement()) {
                    lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
                }
                this.statement = connection.prepareStatement(query);
                statement.setFetchSize(10_000);
                this.rows = statement.executeQuery();
            } catch (SQLException e) {
                release(connection);
                throw e;
            }
        }

        @Override
        public @Nullable StoredCustomer next() {
            try {
                return rows.next() ? h2Row(rows, contacts) : null;
            } catch (SQLException e) {
                throw new IllegalStateException("reading stored customers failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection is released next
            } finally {
                release(connection);
            }
        }

        /** Gives the connection back to the pool as it came: queries copy their results again. */
        private static void release(Connection connection) {
            try (connection;
                    var eager = connection.createStatement()) {
                eager.execute("SET LAZY_QUERY_EXECUTION FALSE");
            } catch (SQLException e) {
                // a broken connection: the pool drops it
            }
        }
    }
}
