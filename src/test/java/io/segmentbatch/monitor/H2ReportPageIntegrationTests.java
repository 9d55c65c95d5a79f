package io.segmentbatch.monitor;

import io.segmentbatch.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The report page's queries on the embedded default, H2 in PostgreSQL mode. */
@SpringBootTest(properties = "spring.main.web-application-type=none")
class H2ReportPageIntegrationTests extends AbstractReportPageIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
