package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AheadOfTimeTests {
    private static final String OWN_FILE =
            "Config resource 'class path resource [application.properties]' via location 'optional:classpath:/'";

    @Test
    void theDatabaseAndTheRunsSettingsLeaveTheBuildsBeanDefinitionsValid() {
        StandardEnvironment environment = environment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.addLast(new SimpleCommandLinePropertySource(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/nightly",
                "--spring.profiles.active=postgres",
                "--segment-batch.partition-size=64MB",
                "--logging.level.io.segmentbatch=DEBUG"));
        sources.addLast(new SystemEnvironmentPropertySource(
                "systemEnvironment", Map.of("SPRING_DATASOURCE_PASSWORD", "secret", "PATH", "/usr/bin")));
        // what the build read: the application's own file decides beans as it did then
        sources.addLast(new MapPropertySource(OWN_FILE, Map.of("management.endpoints.web.exposure.include", "health")));

        assertThat(AheadOfTime.decidingPropertySet(environment)).isNull();
    }

    @Test
    void aPropertyThatDecidesWhichBeansThereAreIsFoundWhereverTheUserSetsIt() {
        StandardEnvironment arguments = environment();
        arguments.getPropertySources().addLast(new SimpleCommandLinePropertySource("--spring.autoconfigure.exclude=x"));
        assertThat(AheadOfTime.decidingPropertySet(arguments)).isEqualTo("spring.autoconfigure (commandLineArgs)");

        StandardEnvironment variables = environment();
        variables
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        "systemEnvironment",
                        Map.of("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true")));
        assertThat(AheadOfTime.decidingPropertySet(variables)).isEqualTo("management (systemEnvironment)");

        StandardEnvironment serve = environment();
        serve.getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        "systemEnvironment", Map.of("SEGMENTBATCH_SERVE_JOBS", "jobs")));
        assertThat(AheadOfTime.decidingPropertySet(serve)).isEqualTo("segment-batch.serve (systemEnvironment)");

        StandardEnvironment leaf = environment();
        leaf.getPropertySources()
                .addLast(new MapPropertySource(
                        "systemProperties", Map.of("spring.datasource.type", "org.h2.jdbcx.JdbcDataSource")));
        assertThat(AheadOfTime.decidingPropertySet(leaf)).isEqualTo("spring.datasource.type (systemProperties)");

        // a profile's file, which the build did not read
        StandardEnvironment profile = environment();
        String profileFile = "Config resource 'class path resource [application-nightly.properties]'";
        profile.getPropertySources()
                .addLast(new MapPropertySource(profileFile, Map.of("spring.flyway.enabled", "false")));
        assertThat(AheadOfTime.decidingPropertySet(profile)).isEqualTo("spring.flyway (" + profileFile + ")");
    }

    @Test
    void onlyThePackagedJarStartsFromTheBuildsBeanDefinitions() {
        // the tests run from target/classes, whose bean definitions may be older than the classes
        assertThat(AheadOfTime.packaged(SegmentBatchApplication.class)).isFalse();
        assertThat(AheadOfTime.available()).isFalse();
        assertThat(AheadOfTime.packaged(org.springframework.boot.SpringApplication.class))
                .isTrue();
    }

    /** An environment without the test process's own system properties and variables. */
    private static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        return environment;
    }
}
