package io.segmentbatch.api;

import io.segmentbatch.ServeFixtures;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Serve mode as the segments API tests start it: their jobs folder and the test credentials. */
final class SegmentsApiProperties {
    private SegmentsApiProperties() {}

    static void add(DynamicPropertyRegistry registry) {
        registry.add("segment-batch.serve.jobs", AbstractSegmentsApiIntegrationTests.JOBS::toString);
        registry.add(
                "segment-batch.serve.output",
                () -> AbstractSegmentsApiIntegrationTests.FOLDER.resolve("out").toString());
        registry.add("segment-batch.app-id", () -> ServeFixtures.APP_ID);
        registry.add("segment-batch.app-token", () -> ServeFixtures.APP_TOKEN);
    }
}
