package io.segmentbatch.monitor;

import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The report page's queries on a real PostgreSQL; the context closes after, to give its connections back. */
@SpringBootTest(properties = "spring.main.web-application-type=none")
@DirtiesContext
class PostgresReportPageIntegrationTests extends AbstractReportPageIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }
}
