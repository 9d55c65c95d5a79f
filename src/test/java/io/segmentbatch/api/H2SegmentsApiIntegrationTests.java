package io.segmentbatch.api;

import io.segmentbatch.ServeFixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The segments API on a private in-memory H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class H2SegmentsApiIntegrationTests extends AbstractSegmentsApiIntegrationTests {

    @DynamicPropertySource
    static void serve(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> ServeFixtures.h2Url("segments-api"));
        SegmentsApiProperties.add(registry);
    }
}
