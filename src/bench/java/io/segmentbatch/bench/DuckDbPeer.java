package io.segmentbatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The DuckDB peer of segment-batch for {@code scripts/bench}: runs the SQL that {@code scripts/bench-peer.py}
 * wrote ({@code scripts/bench-peer.sql}) on an in-memory DuckDB database and prints its wall time. Not part of
 * the application: run it with the JDK's single-file source launcher and DuckDB's JDBC driver from the
 * {@code bench} Maven profile,
 *
 * <pre>
 * java -cp "$(cat target/bench-classpath.txt)" src/bench/java/io/segmentbatch/bench/DuckDbPeer.java \
 *      scripts/bench-peer.sql bench-data/customers-100000.csv bench-data/peer/members.csv [--counts counts.csv]
 * </pre>
 *
 * {@code --counts} afterwards (outside the timed part) writes each segment's member count, for
 * {@code scripts/bench --check-peer}.
 */
public final class DuckDbPeer {

    private DuckDbPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && !(args.length == 5 && args[3].equals("--counts"))) {
            System.err.println("usage: DuckDbPeer <script.sql> <export.csv> <members.csv> [--counts <counts.csv>]");
            System.exit(2);
        }
        Path script = Path.of(args[0]);
        Path input = Path.of(args[1]).toAbsolutePath();
        Path members = Path.of(args[2]).toAbsolutePath();
        if (!Files.isRegularFile(input)) {
            System.err.println(input + ": no such export");
            System.exit(2);
        }
        Files.createDirectories(members.getParent());
        Path spill = members.getParent().resolve("duckdb-tmp");
        String sql = Files.readString(script, StandardCharsets.UTF_8)
                .replace("${input}", literal(input))
                .replace("${output}", literal(members));
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET temp_directory = '" + literal(spill) + "'");
            for (String one : statements(sql)) {
                long began = System.nanoTime();
                try {
                    statement.execute(one);
                } catch (SQLException e) {
                    System.err.println(script + ": " + e.getMessage());
                    System.exit(1);
                }
                System.out.printf("peer: %-60.60s %6.1f s%n", firstLine(one), (System.nanoTime() - began) / 1e9);
            }
            System.out.printf("peer: wall %.1f s (DuckDB %s, %s threads)%n", (System.nanoTime() - start) / 1e9,
                    value(statement, "SELECT version()"), value(statement, "SELECT current_setting('threads')"));
            if (args.length == 5) {
                statement.execute("COPY (SELECT segment, count(*) AS customers_count FROM read_csv('"
                        + literal(members) + "', header = true) GROUP BY segment ORDER BY segment) TO '"
                        + literal(Path.of(args[4]).toAbsolutePath()) + "' (HEADER)");
            }
        }
    }

    /** The script's statements: each ends with a semicolon at the end of a line (the generated SQL's style). */
    private static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            if ((line.isBlank() || line.strip().startsWith("--")) && current.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String firstLine(String statement) {
        return statement.lines().findFirst().orElse("");
    }

    private static String literal(Path path) {
        return path.toString().replace("'", "''");
    }

    private static String value(Statement statement, String query) throws SQLException {
        try (var result = statement.executeQuery(query)) {
            return result.next() ? result.getString(1) : "?";
        }
    }
}
