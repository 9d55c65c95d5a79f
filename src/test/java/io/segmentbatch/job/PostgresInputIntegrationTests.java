package io.segmentbatch.job;

import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Awkward inputs on a real PostgreSQL, which stores no NUL and indexes no 3,000-character key. */
@SpringBootTest(properties = "spring.main.web-application-type=none")
class PostgresInputIntegrationTests extends AbstractInputIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }
}
