package io.segmentbatch;

import org.junit.jupiter.api.Assumptions;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The databases integration tests run on: an in-memory H2 in PostgreSQL mode, and a real PostgreSQL
 * (127.0.0.1:5432, or {@code SEGMENT_BATCH_TEST_POSTGRES_URL}). PostgreSQL tests run whenever it answers;
 * with {@code -Dsegmentbatch.postgres.required=true} (as {@code .ci/run} sets) they fail instead of skipping.
 */
public final class TestDatabases {
    private static final String SERVER =
            System.getenv().getOrDefault("SEGMENT_BATCH_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("SEGMENT_BATCH_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("SEGMENT_BATCH_TEST_POSTGRES_PASSWORD", "");
    private static final String DATABASE =
            System.getenv().getOrDefault("SEGMENT_BATCH_TEST_POSTGRES_DB", "segment_batch_test");
    /** The in-memory H2 database of {@link #h2}: a command run in the test's process ({@code Cli.execute}) opens it too. */
    public static final String H2_URL = "jdbc:h2:mem:segment-batch-test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1";

    private static Boolean postgresReady;

    private TestDatabases() {}

    public static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> H2_URL);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    /** The shared H2 database for a context ({@link H2BatchTest}): one initializer class, so one cached context. */
    public static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "h2-test-database",
                            Map.of(
                                    "spring.datasource.url",
                                    H2_URL,
                                    "spring.datasource.username",
                                    "sa",
                                    "spring.datasource.password",
                                    "")));
        }
    }

    /** The tests' PostgreSQL database for a context ({@link PostgresBatchTest}). */
    public static final class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "postgres-test-database",
                            Map.of(
                                    "spring.datasource.url",
                                    postgresUrl(),
                                    "spring.datasource.username",
                                    USER,
                                    "spring.datasource.password",
                                    PASSWORD)));
        }
    }

    /** Call {@link #requirePostgres()} first (in a {@code @BeforeAll}): this only registers the properties. */
    public static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabases::postgresUrl);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    public static String postgresUser() {
        return USER;
    }

    public static String postgresPassword() {
        return PASSWORD;
    }

    /** A new empty database beside the tests' one ({@code <tests' database>_<suffix>}); returns its URL. */
    public static String freshPostgresDatabase(String suffix) {
        String name = DATABASE + "_" + suffix;
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return SERVER + name;
    }

    public static String postgresUrl() {
        return SERVER + DATABASE;
    }

    /** Skips the calling test when PostgreSQL does not answer, unless it is required; then it fails. */
    public static synchronized void requirePostgres() {
        if (postgresReady == null) {
            postgresReady = recreateDatabase();
        }
        boolean required = Boolean.getBoolean("segmentbatch.postgres.required");
        if (!postgresReady && required) {
            throw new IllegalStateException("PostgreSQL is required (segmentbatch.postgres.required=true) but " + SERVER
                    + " does not answer as user " + USER);
        }
        Assumptions.assumeTrue(postgresReady, "PostgreSQL does not answer at " + SERVER + "; its tests are skipped");
    }

    private static boolean recreateDatabase() {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
            return true;
        } catch (SQLException e) {
            System.err.println("PostgreSQL not available for tests: " + e.getMessage());
            return false;
        }
    }
}
