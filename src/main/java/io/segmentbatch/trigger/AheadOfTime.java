package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Set;

/**
 * A local {@code run} starts from the bean definitions that Spring's ahead-of-time processing wrote at build time
 * ({@code process-aot} in {@code pom.xml}, which starts the application as a local run does: {@link
 * Cli#prepareAheadOfTime}) instead of finding them at every start: no scan of the class path for components, no
 * parsing of configuration classes, no evaluation of the auto-configurations' conditions. A run's start took 0.45 s
 * less on the 1M bench (2.3 s against 2.75 s from launch to the run's start, PostgreSQL, alternating), and a
 * 1,000-customer run's 0.4 to 0.5 s.
 *
 * <p>The price of those definitions is that they were decided once, at build time, with the application's own
 * {@code application.properties}: a property that decides which beans there are (a condition of an auto-configuration
 * or of this application, listed in {@link #DECIDING}) is no longer read at start. So the run starts from them only
 * when no such property is set anywhere but in that file: not on the command line, in a system property, in an
 * environment variable, in a configuration file of the user's nor in a profile's. Otherwise, or with {@code
 * --segment-batch.aot=false}, or when the application does not run from its packaged jar (tests, an IDE: the classes
 * there may be newer than the definitions made from them), it starts as every other command does. Commands other
 * than a local run without RabbitMQ (serve, worker, {@code --remote}, the held-run and push commands) always do: they
 * keep auto-configurations the run leaves out ({@link SpringArguments#WITHOUT_WEB_SERVER_OR_MESSAGING}).
 */
final class AheadOfTime {
    private static final Logger log = LoggerFactory.getLogger(AheadOfTime.class);

    /** The class the build's ahead-of-time processing wrote: it registers every bean definition of a local run. */
    static final String INITIALIZER = SegmentBatchApplication.class.getName() + "__ApplicationContextInitializer";

    /** {@code false} starts a run as every other command starts (its beans found at start). */
    static final String SWITCH = "segment-batch.aot";

    /**
     * Properties (and the properties under them) that decide which beans a local run has: those that the conditions
     * in its context read (Spring Boot's condition report of a run: {@code @ConditionalOnProperty}, {@code
     * @ConditionalOnBooleanProperty}, the actuator's endpoint and metrics export conditions, the data source's,
     * Flyway's, Spring Batch's schema initialization and the task executor's) and this application's own ({@code
     * segment-batch.serve}, {@code segment-batch.remote}). {@code AheadOfTimeTests} and {@code
     * AheadOfTimeIntegrationTests} fail for a condition whose property is not covered here.
     */
    static final List<String> DECIDING = List.of(
            "spring.autoconfigure",
            "spring.main",
            "management",
            "spring.batch.job",
            "spring.batch.jdbc.initialize-schema",
            "spring.flyway",
            "spring.datasource.type",
            "spring.datasource.jndi-name",
            "spring.jmx",
            "spring.aop",
            "spring.application.admin",
            "spring.persistence",
            "spring.task",
            "spring.threads",
            "spring.sql.init",
            "spring.messages",
            "spring.info",
            "springdoc",
            "segment-batch.serve",
            "segment-batch.remote");

    /** Property sources that are not the user's: the application's own file, which the build read, and Spring's. */
    private static final Set<String> NOT_SET_BY_THE_USER =
            Set.of("defaultProperties", "configurationProperties", "random");

    private static final String OWN_FILE = "class path resource [application.properties]";

    private AheadOfTime() {}

    /** Whether the application runs from its packaged jar, with the build's ahead-of-time bean definitions. */
    static boolean available() {
        return packaged(SegmentBatchApplication.class)
                && ClassUtils.isPresent(INITIALIZER, AheadOfTime.class.getClassLoader());
    }

    /** Whether {@code type} was loaded from a jar rather than from a folder of classes. */
    static boolean packaged(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source != null ? source.getLocation() : null;
        return location != null
                && ("jar".equals(location.getProtocol()) || location.getPath().endsWith(".jar"));
    }

    /**
     * Once the application's settings are read, and before its context is made: turns the ahead-of-time definitions on
     * for the rest of the process (Spring reads the switch, {@code spring.aot.enabled}, from the system properties)
     * unless the settings say otherwise (see the class's comment).
     */
    static ApplicationListener<ApplicationEnvironmentPreparedEvent> switchOn() {
        return event -> {
            ConfigurableEnvironment environment = event.getEnvironment();
            if (!environment.getProperty(SWITCH, Boolean.class, true)) {
                log.debug("starting without the ahead-of-time bean definitions: {}=false", SWITCH);
                return;
            }
            String deciding = decidingPropertySet(environment);
            if (deciding != null) {
                log.debug(
                        "starting without the ahead-of-time bean definitions: {} decides which beans there are",
                        deciding);
                return;
            }
            System.setProperty(AotDetector.AOT_ENABLED, "true");
            log.debug("starting from the bean definitions made ahead of time");
        };
    }

    /**
     * The first property of {@link #DECIDING} (or under one) that is set outside the application's own {@code
     * application.properties}, as {@code <property> (<where>)}; null when there is none.
     */
    static @Nullable String decidingPropertySet(ConfigurableEnvironment environment) {
        for (PropertySource<?> propertySource : environment.getPropertySources()) {
            if (NOT_SET_BY_THE_USER.contains(propertySource.getName())
                    || propertySource.getName().contains(OWN_FILE)) {
                continue;
            }
            ConfigurationPropertySource source = ConfigurationPropertySource.from(propertySource);
            if (source == null) {
                continue;
            }
            for (String prefix : DECIDING) {
                ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
                if (source.getConfigurationProperty(name) != null
                        || source.containsDescendantOf(name) != ConfigurationPropertyState.ABSENT) {
                    return prefix + " (" + propertySource.getName() + ")";
                }
            }
        }
        return null;
    }
}
