package io.segmentbatch.job;

import io.segmentbatch.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = "spring.main.web-application-type=none")
class PostgresGuardIntegrationTests extends AbstractGuardIntegrationTests {

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }
}
