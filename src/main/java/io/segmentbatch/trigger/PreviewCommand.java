package io.segmentbatch.trigger;

import io.segmentbatch.store.Trigger;
import io.segmentbatch.store.Runs;

import io.segmentbatch.job.AsOf;
import io.segmentbatch.job.InvalidDefinitionException;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.monitor.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code preview <job.json>}: a dry run of a job. */
@Command(name = "preview", mixinStandardHelpOptions = true, description = "A dry run: evaluates the job like a run, "
        + "without committing anything (no current membership, no event, no destination call), and prints what a run "
        + "would do: members, static segments and entered/left per segment, the guards it would trip, and which "
        + "static segments would change.",
        footer = {"", "Spring properties may follow, e.g. --spring.profiles.active=postgres to use PostgreSQL.",
                "Exit codes: 0 the preview went to the end, 1 it failed, 2 bad usage or an invalid job definition,",
                "4 a run of the job is going."})
final class PreviewCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<job.json>", description = "The job definition file.")
    Path jobFile;

    @Option(names = "--input", paramLabel = "<file or glob>", description = "Replaces the job's input.path.")
    String input;

    @Option(names = "--output", paramLabel = "<dir>", defaultValue = "out",
            description = "Output folder (default: ${DEFAULT-VALUE}); the run writes to <dir>/<job>/<run id>/.")
    Path output;

    @Option(names = "--as-of", paramLabel = "<ISO instant>",
            description = "What \"now\" is for relative-date filters, e.g. 2026-11-28T00:00:00Z, years 1900-9999 (default: now).")
    String asOf;

    @CommandLine.Unmatched
    List<String> springArguments = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SpringArguments.check(spec, springArguments);
        Instant asOfInstant = parseAsOf();
        JobDefinition definition;
        try {
            definition = new JobDefinitionLoader().load(jobFile);
        } catch (InvalidDefinitionException e) {
            ValidateCommand.printErrors(e);
            return Cli.USAGE;
        }
        JobDefinition job = definition;
        return SpringArguments.launch(RunCommand.progressArguments(springArguments),
                launcher -> launcher.run(new RunRequest(job, input, output, asOfInstant, Trigger.PREVIEW)));
    }

    private Instant parseAsOf() {
        if (asOf == null) {
            return Instant.now();
        }
        try {
            return AsOf.parse(asOf);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as-of: " + e.getMessage());
        }
    }
}
