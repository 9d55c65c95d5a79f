package io.segmentbatch.trigger;

import io.segmentbatch.store.Runs;

import io.segmentbatch.SegmentBatchApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import io.segmentbatch.job.InvalidRunRequestException;
import io.segmentbatch.job.JobBusyException;
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
        return inContext(arguments, context -> launch.apply(context.getBean(RunLauncher.class)));
    }

    /** Runs one command on the application's beans; prints the run's summary and returns the exit code. */
    static int inContext(List<String> arguments, Function<ConfigurableApplicationContext, RunOutcome> command) {
        try (ConfigurableApplicationContext context = start(arguments)) {
            RunOutcome outcome = command.apply(context);
            SummaryTable.print(outcome, System.out);
            return outcome.completed() ? Cli.COMPLETED : outcome.held() ? Cli.HELD : Cli.FAILED;
        } catch (InvalidRunRequestException e) {
            System.err.println("error: " + e.getMessage());
            return Cli.USAGE;
        } catch (JobBusyException e) {
            System.err.println("error: " + e.getMessage() + "; at most one run of a job goes at a time");
            return Cli.BUSY;
        }
    }
}
