package io.segmentbatch.monitor;

import io.segmentbatch.PostgresBatchTest;
import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The report page's queries on a real PostgreSQL, in the PostgreSQL tests' shared context (no pool of its own). */
@PostgresBatchTest
class PostgresReportPageIntegrationTests extends AbstractReportPageIntegrationTests {

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }
}
