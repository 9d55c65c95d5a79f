package io.segmentbatch.store;

import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

class PostgresMigrationIntegrationTests extends AbstractMigrationIntegrationTests {

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @Override
    DataSource dataSource() {
        return dataSource(
                TestDatabases.freshPostgresDatabase("migration"),
                TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
    }

    @Override
    String vendor() {
        return "postgresql";
    }

    @Override
    void prepareOldRun(JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE sb_run_member_1 PARTITION OF sb_run_member FOR VALUES IN (1)");
        jdbc.execute("CREATE TABLE sb_run_customer_1 PARTITION OF sb_run_customer FOR VALUES IN (1)");
    }
}
