package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import io.segmentbatch.job.InvalidRunRequestException;
import io.segmentbatch.job.JobBusyException;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunShutdown;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/** Starts the application for a one-shot command, and lets Spring properties ({@code --spring.…}, {@code --segment-batch.…}, {@code --logging.…}) through, and nothing else. */
final class SpringArguments {
    static final StartupChecks CHECKS = new StartupChecks();

    /**
     * Loggers that report a failed start with a stack trace (Spring's failure report, the connection pool's first
     * connection). While the application starts they are silent: the command prints the reason in one line, and
     * {@code --debug} lets them speak. Once started they log as configured.
     */
    private static final List<String> LOUD_AT_START = List.of(
            "org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics",
            "com.zaxxer.hikari",
            "org.springframework.context",
            "org.springframework.boot.web.server",
            "org.springframework.boot.tomcat");

    /**
     * Auto-configurations a command without a web server has no use for: health and its probes, the actuator's
     * endpoints, the API document, HTTP message converters and bean validation serve requests only. Leaving them out
     * of a one-shot command's context took a quarter of a second and 0.3 s of CPU off every start (a 1,000-customer
     * run on PostgreSQL, 2.9 s against 3.1 s, alternating four times each) and 35 MiB off its peak RSS. What a
     * command may still need stays: the database, Flyway, Spring Batch, RabbitMQ (destinations, {@code --remote}),
     * Spring Integration, and the metrics a Pushgateway is pushed (their startup times included). A
     * {@code --spring.autoconfigure.exclude=…} of the command's own replaces this list.
     */
    static final List<String> WITHOUT_WEB_SERVER = List.of(
            "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.Jackson2EndpointAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.info.InfoEndpointAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration",
            "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration",
            "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
            "org.springdoc.core.configuration.SpringDocConfiguration",
            "org.springdoc.core.configuration.SpringDocWebServerConfiguration.EmbeddedWebServerConfiguration");

    /**
     * {@link #WITHOUT_WEB_SERVER}, and the messaging that a local run whose job has no RabbitMQ destination never
     * uses: RabbitMQ's connection factory and template, and Spring Integration (remote partitioning and the inbox of
     * {@code serve} use it). Leaving them out of such a {@code run} took 0.5 s and 1 s of CPU off its start
     * (1,000 customers on PostgreSQL on a slow hour of the 2-core machine: 3.8 to 4.4 s against 4.6 to 4.8 s,
     * alternating five times each).
     */
    static final List<String> WITHOUT_WEB_SERVER_OR_MESSAGING = Stream.concat(
                    WITHOUT_WEB_SERVER.stream(),
                    Stream.of(
                            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
                            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
                            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration",
                            "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
                            "org.springframework.boot.integration.autoconfigure.IntegrationGraphEndpointAutoConfiguration",
                            "org.springframework.boot.integration.autoconfigure.metrics.IntegrationMetricsAutoConfiguration"))
            .toList();

    private SpringArguments() {}

    /**
     * Whether the command runs in remote mode: {@code --remote}, or {@code segment-batch.remote.enabled=true} given as
     * a setting here, as an environment variable or as a system property. Such a run needs the messaging that a
     * local run leaves out.
     */
    static boolean remote(List<String> arguments) {
        if (Cli.remote || arguments.stream().anyMatch(a -> a.equalsIgnoreCase("--segment-batch.remote.enabled=true"))) {
            return true;
        }
        return "true".equalsIgnoreCase(System.getenv("SEGMENT_BATCH_REMOTE_ENABLED"))
                || "true".equalsIgnoreCase(System.getProperty("segment-batch.remote.enabled"));
    }

    /**
     * The settings as the application will read them (the command line's, the environment's, and the
     * {@code application*.properties} of the active profiles), before it starts: for what a command prepares beside
     * the application's start. Other sources Spring has (such as {@code SPRING_APPLICATION_JSON}) are not read here.
     */
    static Environment settings(List<String> arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SimpleCommandLinePropertySource(arguments.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return environment;
    }

    static void check(CommandLine.Model.CommandSpec spec, List<String> arguments) {
        for (String argument : arguments) {
            if (!(argument.startsWith("--spring.")
                    || argument.startsWith("--segment-batch.")
                    || argument.startsWith("--logging.")
                    || argument.startsWith("--management.")
                    || argument.startsWith("--server."))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown option or argument: " + argument);
            }
            SettingNames.problem(argument).ifPresent(problem -> {
                throw new CommandLine.ParameterException(spec.commandLine(), problem);
            });
        }
    }

    /** Starts the application as the command line does: start-up checks, quiet start unless {@code --debug}. */
    static ConfigurableApplicationContext run(
            SpringApplicationBuilder builder, List<String> arguments, ApplicationListener<?>... listeners) {
        List<String> all = new ArrayList<>();
        List<String> quieted = Cli.debug
                ? List.of()
                : LOUD_AT_START.stream()
                        .filter(logger ->
                                arguments.stream().noneMatch(a -> a.startsWith("--logging.level." + logger + "=")))
                        .toList();
        quieted.forEach(logger -> all.add("--logging.level." + logger + "=OFF"));
        if (Cli.remote) {
            all.add("--segment-batch.remote.enabled=true");
        }
        all.addAll(arguments);
        builder.listeners(CHECKS).listeners(listeners);
        ConfigurableApplicationContext context = builder.logStartupInfo(false).run(all.toArray(String[]::new));
        LoggingSystem logging = LoggingSystem.get(SpringArguments.class.getClassLoader());
        quieted.forEach(logger -> logging.setLogLevel(logger, null));
        if (!Cli.debug) {
            BatchErrorLines.install();
        }
        return context;
    }

    /**
     * The application without a web server, for one command. Its item timers are off unless the process pushes its
     * metrics to a Pushgateway (nothing else could read them before it exits): timing every item cost a fifth of
     * evaluation (JFR, 1M-customer bench).
     */
    static ConfigurableApplicationContext start(List<String> arguments, ApplicationListener<?>... listeners) {
        return start(arguments, WITHOUT_WEB_SERVER, listeners);
    }

    /** As {@link #start(List, ApplicationListener[])}, leaving out the given auto-configurations. */
    static ConfigurableApplicationContext start(
            List<String> arguments, List<String> excluded, ApplicationListener<?>... listeners) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(SegmentBatchApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "segment-batch.metrics.item-timers=${management.prometheus.metrics.export.pushgateway.enabled:false}",
                        "spring.autoconfigure.exclude=" + String.join(",", excluded));
        List<ApplicationListener<?>> all = new ArrayList<>(List.of(listeners));
        // a local run without messaging, the context the build prepared ahead of time (AheadOfTime)
        if (excluded.equals(WITHOUT_WEB_SERVER_OR_MESSAGING) && !remote(arguments) && AheadOfTime.available()) {
            builder.main(SegmentBatchApplication.class);
            all.add(AheadOfTime.switchOn());
        }
        return run(builder, arguments, all.toArray(ApplicationListener<?>[]::new));
    }

    /** Runs one launch in the application without a web server; prints the summary and returns the exit code. */
    static int launch(List<String> arguments, Function<RunLauncher, RunOutcome> launch) {
        return launch(arguments, WITHOUT_WEB_SERVER, List.of(), launch);
    }

    /**
     * As {@link #launch(List, Function)}, leaving out the given auto-configurations, with listeners of the
     * application's start (its environment, ...).
     */
    static int launch(
            List<String> arguments,
            List<String> excluded,
            List<ApplicationListener<?>> listeners,
            Function<RunLauncher, RunOutcome> launch) {
        return inContext(
                arguments,
                excluded,
                context -> null,
                context -> launch.apply(context.getBean(RunLauncher.class)),
                listeners.toArray(ApplicationListener<?>[]::new));
    }

    /** As {@link #launch(List, Function)}, unless {@code instead} handles the command first (returns its exit code). */
    static int launch(
            List<String> arguments,
            Function<ConfigurableApplicationContext, Integer> instead,
            Function<RunLauncher, RunOutcome> launch) {
        return inContext(
                arguments,
                WITHOUT_WEB_SERVER,
                context -> {
                    Integer handled = instead.apply(context);
                    return handled != null ? handled : null;
                },
                context -> launch.apply(context.getBean(RunLauncher.class)));
    }

    /** Runs one command on the application's beans; prints the run's summary and returns the exit code. */
    static int inContext(List<String> arguments, Function<ConfigurableApplicationContext, RunOutcome> command) {
        return inContext(arguments, WITHOUT_WEB_SERVER, context -> null, command);
    }

    /**
     * Ctrl-C or SIGTERM during a command that runs a job: the run stops at its next commit and ends STOPPED, with
     * its report, and the command prints it and exits 1; a second signal ends the process at once. Left to the JVM,
     * the signal would start its shutdown, where the embedded H2 database closes itself in a shutdown hook of its
     * own, beside Spring's: the run then failed to record anything ("unknown state") and wrote no report.
     */
    private static final class StopRequests {
        private final ConfigurableApplicationContext context;
        private final AtomicInteger signals = new AtomicInteger();

        StopRequests(ConfigurableApplicationContext context) {
            this.context = context;
        }

        void signalled() {
            if (signals.incrementAndGet() > 1) {
                System.err.println("segment-batch: stopping now (a second signal); the run is marked failed at the"
                        + " next start and restarts from its last commit (segment-batch restart <run id>)");
                // what the run's threads log while the process closes under them (Spring Batch's "unknown state,
                // should not be restarted", a closed connection pool) is not so: the next start recovers the run
                LoggingSystem.get(SpringArguments.class.getClassLoader())
                        .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, org.springframework.boot.logging.LogLevel.OFF);
                System.exit(130);
            }
            System.err.println("segment-batch: stopping the run at its next commit; it can be restarted"
                    + " (a second Ctrl-C ends the process at once)");
            Thread stopping =
                    new Thread(() -> context.getBean(RunShutdown.class).stopActiveRuns(), "stop-runs");
            stopping.setDaemon(true);
            stopping.start();
        }
    }

    private static int inContext(
            List<String> arguments,
            List<String> excluded,
            Function<ConfigurableApplicationContext, Integer> instead,
            Function<ConfigurableApplicationContext, RunOutcome> command,
            ApplicationListener<?>... listeners) {
        try (ConfigurableApplicationContext context = start(arguments, excluded, listeners);
                StopSignals signals = StopSignals.install(new StopRequests(context)::signalled)) {
            Integer handled = instead.apply(context);
            if (handled != null) {
                return handled;
            }
            RunOutcome outcome = command.apply(context);
            SummaryTable.print(outcome, System.out);
            return outcome.completed() || outcome.previewed() ? Cli.COMPLETED : outcome.held() ? Cli.HELD : Cli.FAILED;
        } catch (InvalidRunRequestException e) {
            System.err.println("error: " + e.getMessage());
            return Cli.USAGE;
        } catch (JobBusyException e) {
            System.err.println("error: " + e.getMessage() + "; at most one run of a job goes at a time");
            return Cli.BUSY;
        }
    }
}
