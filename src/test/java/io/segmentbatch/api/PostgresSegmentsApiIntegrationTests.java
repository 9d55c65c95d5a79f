package io.segmentbatch.api;

import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The segments API on a real PostgreSQL: members in per-run partitions, looked up by customer through their index. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PostgresSegmentsApiIntegrationTests extends AbstractSegmentsApiIntegrationTests {

    @DynamicPropertySource
    static void serve(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
        SegmentsApiProperties.add(registry);
    }

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }
}
