package io.segmentbatch.job;

import io.segmentbatch.store.Runs;

import io.segmentbatch.TestDatabases;
import io.segmentbatch.store.Dialect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on a real PostgreSQL, with members written by COPY. */
@SpringBootTest(properties = "spring.main.web-application-type=none")
class PostgresRunIntegrationTests extends AbstractRunIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @Autowired
    Dialect dialect;

    @Test
    void runsOnPostgres() {
        assertThat(dialect).isEqualTo(Dialect.POSTGRES);
    }
}
