package io.segmentbatch.trigger;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code segment-batch} command. Exit codes: 0 the run completed, 1 the run failed, 2 bad usage or an
 * invalid job definition. An error is one line on the console; {@code --debug} anywhere on the command line adds
 * its stack trace (and Spring's start-up failure report).
 */
@Command(
        name = "segment-batch",
        mixinStandardHelpOptions = true,
        version = "segment-batch 0.1.0",
        description = "Turns customer exports into customer segments.",
        subcommands = {
            RunCommand.class,
            PreviewCommand.class,
            ValidateCommand.class,
            RestartCommand.class,
            HeldRunCommands.Approve.class,
            HeldRunCommands.Discard.class,
            RunsCommand.class,
            PushCommand.class,
            DeliveriesCommand.class,
            ServeCommand.class,
            WorkerCommand.class,
            GenerateCustomersCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "--debug (with any command): print the stack trace of an error, not just its one-line message.",
            "--remote (with run, preview, restart, serve): evaluate on the workers of a cluster (segment-batch worker) over"
                    + " RabbitMQ; needs PostgreSQL.",
            "Exit codes: 0 the run completed, 1 the run failed, 2 bad usage or an invalid job definition, 3 the run"
                    + " tripped a guard and is held (approve or discard it), 4 a run of the job is already going."
        })
public final class Cli implements Runnable {
    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** The run tripped a guard and is held: nothing became current. */
    public static final int HELD = 3;
    /** A run of the job is already going (in this process or another). */
    public static final int BUSY = 4;

    static final String DEBUG = "--debug";
    static final String REMOTE = "--remote";

    /** Set by {@code --debug}: errors print their stack trace and start-up logs stay as loud as Spring makes them. */
    static volatile boolean debug;

    /** Set by {@code --remote}: evaluation partitions go to the workers ({@code segment-batch.remote.enabled}). */
    static volatile boolean remote;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Starts the application as a local {@code run} does, for Spring's ahead-of-time processing at build time
     * ({@link AheadOfTime}), which stops the start once the bean definitions are made, and writes them out.
     */
    public static void prepareAheadOfTime() {
        SpringArguments.start(List.of(), SpringArguments.WITHOUT_WEB_SERVER_OR_MESSAGING)
                .close();
    }

    /** Runs the command line and returns the process exit code. */
    public static int execute(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        debug = arguments.removeIf(DEBUG::equals);
        remote = arguments.removeIf(REMOTE::equals);
        CommandLine commandLine = new CommandLine(new Cli());
        commandLine.setExitCodeExceptionMapper(e -> USAGE);
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, ignored, parseResult) -> {
            // a refusal (no such run, a run that cannot restart, …) says all there is: no stack trace to offer
            boolean refusal = e instanceof io.segmentbatch.job.InvalidRunRequestException;
            System.err.println("error: " + Failures.describe(e, SpringArguments.CHECKS.databaseUrl())
                    + (debug || refusal ? "" : " (--debug prints the stack trace)"));
            if (debug) {
                e.printStackTrace(System.err);
            }
            return USAGE;
        });
        return commandLine.execute(arguments.toArray(String[]::new));
    }

    @Override
    public void run() {
        List<String> commands = new ArrayList<>(spec.subcommands().keySet());
        commands.remove("help");
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is needed: " + String.join(", ", commands) + " (or help)");
    }
}
