package io.segmentbatch.trigger;

import io.segmentbatch.ServeFixtures;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/** Several jobs at once in {@code serve} on H2. */
class H2ConcurrentJobsIntegrationTests extends AbstractConcurrentJobsIntegrationTests {

    @Override
    ConfigurableApplicationContext serve(Path jobs, Path output, String... extra) {
        return ServeFixtures.serve(jobs, output, ServeFixtures.h2Url("concurrent-jobs"), extra);
    }
}
