package io.segmentbatch.trigger;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/**
 * What every command that runs jobs in the application takes besides its own options ({@code run},
 * {@code preview}, {@code restart}, {@code serve}, as a picocli {@code @Mixin}): the Spring properties that follow
 * them ({@code --spring.profiles.active=postgres}, {@code --segment-batch.…=…}). An option all of them share is one
 * field here. ({@code @Command} without attributes: picocli takes a class as a mixin only if it is annotated.)
 */
@CommandLine.Command
final class RunnerOptions {

    /**
     * The command this is mixed into: usage errors name it, and the Spring properties are its unmatched arguments.
     * Set by picocli through {@link #command(CommandLine.Model.CommandSpec)} before any option is used.
     */
    @SuppressWarnings("NullAway.Init")
    private CommandLine.Model.CommandSpec command;

    /**
     * Lets the command take the arguments none of its options match: a picocli mixin cannot declare
     * {@code @Unmatched} itself (picocli 4.7 does not carry it into the command), so it asks its command for them.
     */
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    void command(CommandLine.Model.CommandSpec command) {
        this.command = command;
        command.parser().unmatchedArgumentsAllowed(true);
    }

    /** The Spring properties given, after refusing anything that is not {@code --name=value} (a usage error). */
    List<String> springArguments() {
        List<String> given = new ArrayList<>(command.commandLine().getUnmatchedArguments());
        SpringArguments.check(command, given);
        return given;
    }

    /** A usage error of the command (exit code 2). */
    CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
    }
}
