package io.segmentbatch.trigger;

import io.segmentbatch.destination.DestinationSpec;
import io.segmentbatch.destination.DestinationsSection;
import io.segmentbatch.job.AsOf;
import io.segmentbatch.job.EarlyScan;
import io.segmentbatch.job.InvalidDefinitionException;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.monitor.Terminal;
import io.segmentbatch.store.Trigger;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code run <job.json>}: runs a job once. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs a job once: reads the export, "
                + "computes every segment, writes static segments, events and the report.",
        footer = {
            "",
            "Spring properties may follow, e.g. --spring.profiles.active=postgres to use PostgreSQL.",
            "--remote: evaluate on the workers of a cluster (segment-batch worker) over RabbitMQ; needs PostgreSQL.",
            "Ctrl-C: the run stops at its next commit (restart it); a second Ctrl-C ends the process at once.",
            "Exit codes: 0 the run completed, 1 the run failed or was stopped, 2 bad usage or an invalid job definition, 3 the run"
                    + " tripped a guard and is held (approve or discard it), 4 a run of the job is already going."
        })
class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<job.json>", description = "The job definition file.")
    Path jobFile;

    @Option(names = "--input", paramLabel = "<file or glob>", description = "Replaces the job's input.path.")
    @Nullable
    String input;

    @Option(
            names = "--output",
            paramLabel = "<dir>",
            defaultValue = "out",
            description = "Output folder (default: ${DEFAULT-VALUE}); the run writes to <dir>/<job>/<run id>/.")
    Path output;

    @Option(
            names = "--as-of",
            paramLabel = "<ISO instant>",
            description =
                    "What \"now\" is for relative-date filters, e.g. 2026-11-28T00:00:00Z, years 1900-9999 (default: now).")
    @Nullable
    String asOf;

    @CommandLine.Mixin
    RunnerOptions runner;

    @Override
    public Integer call() {
        List<String> springArguments = runner.springArguments();
        Instant asOfInstant = parseAsOf();
        JobDefinition definition;
        try {
            definition = new JobDefinitionLoader().load(jobFile);
        } catch (InvalidDefinitionException e) {
            ValidateCommand.printErrors(e);
            return Cli.USAGE;
        }
        JobDefinition job = definition;
        // a remote manager does not scan early; a local run begins before Spring has read its settings
        EarlyScan.Early early = SpringArguments.remote(springArguments)
                ? null
                : EarlyScan.startBeforeSettings(
                        job, input, () -> SpringArguments.settings(springArguments), asOfInstant);
        return SpringArguments.launch(
                progressArguments(springArguments),
                SpringArguments.remote(springArguments) || deliversToRabbitMq(job)
                        ? SpringArguments.WITHOUT_WEB_SERVER
                        : SpringArguments.WITHOUT_WEB_SERVER_OR_MESSAGING,
                List.of(earlyScan(job, early, asOfInstant)),
                launcher -> launcher.run(new RunRequest(job, input, output, asOfInstant, trigger())));
    }

    /** Whether the job's destinations include a RabbitMQ exchange, which the run delivers to before it exits. */
    static boolean deliversToRabbitMq(JobDefinition job) {
        return DestinationsSection.read(job.source().get("destinations"), job.name(), null, (path, message) -> {})
                .stream()
                .anyMatch(DestinationSpec.RabbitMq.class::isInstance);
    }

    /**
     * While the command line and the application start (about 2 s), the input is scanned for where to cut it into
     * partitions ({@link EarlyScan}), as a local run will cut it; then, for a large input, its first records are
     * evaluated as of the run's instant to warm the JIT up. Begun before the application reads its settings
     * ({@code early}), confirmed once it has; else begun then.
     */
    private ApplicationListener<ApplicationEnvironmentPreparedEvent> earlyScan(
            JobDefinition job, EarlyScan.@Nullable Early early, Instant asOf) {
        return event -> {
            if (early != null) {
                early.confirm(event.getEnvironment());
            } else {
                EarlyScan.start(job, input, event.getEnvironment(), asOf);
            }
        };
    }

    /** What the run says started it; a dry run says {@code PREVIEW}. */
    Trigger trigger() {
        return Trigger.MANUAL;
    }

    /**
     * On a terminal, a live progress bar (and no step log lines to break it); otherwise the plain 5-second lines.
     * {@code --segment-batch.progress.mode=lines|bar} given by the user wins.
     */
    static List<String> progressArguments(List<String> arguments) {
        if (!Terminal.interactive()
                || arguments.stream().anyMatch(a -> a.startsWith("--segment-batch.progress.mode="))) {
            return arguments;
        }
        List<String> withBar = new ArrayList<>(arguments);
        withBar.add("--segment-batch.progress.mode=bar");
        if (arguments.stream()
                .noneMatch(a -> a.startsWith("--logging.level.org.springframework.batch.core.step.AbstractStep="))) {
            withBar.add("--logging.level.org.springframework.batch.core.step.AbstractStep=WARN");
        }
        return withBar;
    }

    private Instant parseAsOf() {
        if (asOf == null) {
            return Instant.now();
        }
        try {
            return AsOf.parse(asOf);
        } catch (IllegalArgumentException e) {
            throw runner.usageError("--as-of: " + e.getMessage());
        }
    }
}
