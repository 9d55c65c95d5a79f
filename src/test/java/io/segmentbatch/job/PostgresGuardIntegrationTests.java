package io.segmentbatch.job;

import io.segmentbatch.PostgresBatchTest;
import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

@PostgresBatchTest
class PostgresGuardIntegrationTests extends AbstractGuardIntegrationTests {

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }
}
