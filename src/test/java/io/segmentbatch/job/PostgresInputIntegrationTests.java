package io.segmentbatch.job;

import io.segmentbatch.PostgresBatchTest;
import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** Awkward inputs on a real PostgreSQL, which stores no NUL and indexes no 3,000-character key. */
@PostgresBatchTest
class PostgresInputIntegrationTests extends AbstractInputIntegrationTests {
    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }
}
