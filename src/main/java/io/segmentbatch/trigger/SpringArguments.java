package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import io.segmentbatch.job.InvalidRunRequestException;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import picocli.CommandLine;

import java.util.List;
import java.util.function.Function;

/** Starts the application for a one-shot command, and lets Spring properties ({@code --spring.…}, {@code --segment-batch.…}, {@code --logging.…}) through, and nothing else. */
final class SpringArguments {
    private SpringArguments() {
    }

    static void check(CommandLine.Model.CommandSpec spec, List<String> arguments) {
        for (String argument : arguments) {
            if (!(argument.startsWith("--spring.") || argument.startsWith("--segment-batch.")
                    || argument.startsWith("--logging.") || argument.startsWith("--management.")
                    || argument.startsWith("--server."))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown option or argument: " + argument);
            }
        }
    }

    /** The application without a web server, for one command. */
    static ConfigurableApplicationContext start(List<String> arguments) {
        return new SpringApplicationBuilder(SegmentBatchApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(arguments.toArray(String[]::new));
    }

    /** Runs one launch in the application without a web server; prints the summary and returns the exit code. */
    static int launch(List<String> arguments, Function<RunLauncher, RunOutcome> launch) {
        return launch(arguments, context -> null, launch);
    }

    /** As {@link #launch(List, Function)}, unless {@code instead} handles the command first (returns its exit code). */
    static int launch(List<String> arguments, Function<ConfigurableApplicationContext, Integer> instead,
                      Function<RunLauncher, RunOutcome> launch) {
        try (ConfigurableApplicationContext context = start(arguments)) {
            Integer handled = instead.apply(context);
            if (handled != null) {
                return handled;
            }
            RunOutcome outcome = launch.apply(context.getBean(RunLauncher.class));
            SummaryTable.print(outcome, System.out);
            return outcome.completed() ? Cli.COMPLETED : Cli.FAILED;
        } catch (InvalidRunRequestException e) {
            System.err.println("error: " + e.getMessage());
            return Cli.USAGE;
        }
    }
}
