package io.segmentbatch.trigger;

import picocli.CommandLine;

import java.util.List;

/** Lets Spring properties ({@code --spring.…}, {@code --segment-batch.…}, {@code --logging.…}) through, and nothing else. */
final class SpringArguments {
    private SpringArguments() {
    }

    static void check(CommandLine.Model.CommandSpec spec, List<String> arguments) {
        for (String argument : arguments) {
            if (!(argument.startsWith("--spring.") || argument.startsWith("--segment-batch.")
                    || argument.startsWith("--logging.") || argument.startsWith("--management."))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown option or argument: " + argument);
            }
        }
    }
}
