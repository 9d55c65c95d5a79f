package io.segmentbatch.trigger;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code segment-batch} command. Exit codes: 0 the run completed, 1 the run failed, 2 bad usage or an
 * invalid job definition.
 */
@Command(name = "segment-batch", mixinStandardHelpOptions = true, version = "segment-batch 0.1.0",
        description = "Turns customer exports into customer segments.",
        subcommands = {RunCommand.class, ValidateCommand.class, RestartCommand.class, PushCommand.class, DeliveriesCommand.class, ServeCommand.class, GenerateCustomersCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 the run completed, 1 the run failed, 2 bad usage or an invalid job definition."})
public final class Cli implements Runnable {
    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and returns the process exit code. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Cli());
        commandLine.setExitCodeExceptionMapper(e -> USAGE);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return USAGE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, validate, restart, push, deliveries, serve or generate-customers");
    }
}
