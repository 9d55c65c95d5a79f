package io.segmentbatch.trigger;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.segmentbatch.SegmentBatchApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

    /**
     * A condition of the application's own that reads a property not in {@link AheadOfTime#DECIDING} would be decided
     * once, at build time, for every run that starts from the definitions: a new one must be added there.
     */
    @Test
    void everyPropertyThatTheApplicationsConditionsReadTurnsTheDefinitionsOff() {
        TreeSet<String> properties = new TreeSet<>();
        TreeSet<String> conditions = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("__") && !location.contains("$$SpringCGLIB$$"))
                .importPackages("io.segmentbatch")) {
            Class<?> reflected = type.reflect();
            List<AnnotatedElement> elements = new ArrayList<>(List.of(reflected));
            elements.addAll(Arrays.asList(reflected.getDeclaredMethods()));
            for (AnnotatedElement element : elements) {
                for (ConditionalOnProperty on :
                        AnnotatedElementUtils.findMergedRepeatableAnnotations(element, ConditionalOnProperty.class)) {
                    for (String name : on.name().length > 0 ? on.name() : on.value()) {
                        properties.add(on.prefix().isEmpty() ? name : on.prefix() + "." + name);
                    }
                }
                for (ConditionalOnBooleanProperty on : AnnotatedElementUtils.findMergedRepeatableAnnotations(
                        element, ConditionalOnBooleanProperty.class)) {
                    for (String name : on.name().length > 0 ? on.name() : on.value()) {
                        properties.add(on.prefix().isEmpty() ? name : on.prefix() + "." + name);
                    }
                }
                for (Conditional on : AnnotatedElementUtils.findAllMergedAnnotations(element, Conditional.class)) {
                    Arrays.stream(on.value())
                            .filter(condition -> condition.getName().startsWith("io.segmentbatch."))
                            .forEach(condition -> conditions.add(condition.getName()));
                }
            }
        }

        assertThat(properties)
                .contains("segment-batch.serve.jobs", "segment-batch.remote.enabled")
                .allSatisfy(property -> assertThat(AheadOfTime.DECIDING)
                        .anyMatch(prefix -> property.equals(prefix) || property.startsWith(prefix + ".")));
        // a condition class of the application's own reads what it likes: each one is checked here by hand
        // (RemotePartitioning.OnRemote: segment-batch.remote.enabled and .worker)
        assertThat(conditions).containsExactly("io.segmentbatch.job.RemotePartitioning$OnRemote");
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
