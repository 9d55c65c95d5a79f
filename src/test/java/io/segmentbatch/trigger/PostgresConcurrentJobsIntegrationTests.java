package io.segmentbatch.trigger;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Several jobs at once in {@code serve} on PostgreSQL. */
class PostgresConcurrentJobsIntegrationTests extends AbstractConcurrentJobsIntegrationTests {

    @Override
    ConfigurableApplicationContext serve(Path jobs, Path output, String... extra) {
        TestDatabases.requirePostgres();
        List<String> arguments = new ArrayList<>(List.of(extra));
        // the PostgreSQL server is shared: open connections when needed, not a full pool up front
        arguments.add("--spring.datasource.hikari.minimum-idle=1");
        return ServeFixtures.serveAs(
                jobs,
                output,
                TestDatabases.postgresUrl(),
                TestDatabases.postgresUser(),
                TestDatabases.postgresPassword(),
                arguments.toArray(String[]::new));
    }
}
