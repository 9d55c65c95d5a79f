package io.segmentbatch.store;

import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/** On PostgreSQL the events stream through one COPY that pauses around the publisher's other statements. */
class PostgresOutboxIntegrationTests extends AbstractOutboxTests {

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(
                TestDatabases.freshPostgresDatabase("outbox"),
                TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
    }

    @Override
    String vendor() {
        return "postgresql";
    }
}
