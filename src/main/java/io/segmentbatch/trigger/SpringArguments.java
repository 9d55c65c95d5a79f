package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

import java.util.List;

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
}
