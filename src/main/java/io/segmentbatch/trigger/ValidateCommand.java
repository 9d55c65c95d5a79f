package io.segmentbatch.trigger;

import io.segmentbatch.destination.DestinationsSection;
import io.segmentbatch.job.DefinitionError;
import io.segmentbatch.job.InvalidDefinitionException;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.JobDefinitionLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code validate <job.json>}: checks a definition without reading data. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Checks a job definition without reading any data; prints every error with its JSON path.",
        footer = {"", "Exit codes: 0 valid, 2 invalid."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<job.json>", description = "The job definition file.")
    Path jobFile;

    @Override
    public Integer call() {
        try {
            JobDefinition definition = new JobDefinitionLoader().load(jobFile);
            int destinations = DestinationsSection.read(
                            definition.source().get("destinations"), definition.name(), null, (path, message) -> {})
                    .size();
            System.out.printf(
                    "%s: valid (job %s, %s, %s)%n",
                    jobFile,
                    definition.name(),
                    SummaryTable.count(definition.segments().size(), "segment", "segments"),
                    SummaryTable.count(destinations, "destination", "destinations"));
            return Cli.COMPLETED;
        } catch (InvalidDefinitionException e) {
            printErrors(e);
            return Cli.USAGE;
        }
    }

    static void printErrors(InvalidDefinitionException e) {
        for (DefinitionError error : e.errors()) {
            System.err.println(error);
        }
        System.err.println(SummaryTable.count(e.errors().size(), "error", "errors") + "; nothing was run.");
    }
}
