package io.segmentbatch.trigger;

import io.segmentbatch.customer.FileFailures;
import io.segmentbatch.sample.CustomerGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code generate-customers <count> <file>}: writes a realistic customer export for demos and benchmarks. */
@Command(
        name = "generate-customers",
        mixinStandardHelpOptions = true,
        description = "Writes <count> realistic customers in Voucherify's export format, the same for the same seed. "
                + "A file name ending in .gz is gzipped.")
final class GenerateCustomersCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<count>", description = "How many customers (0 or more).")
    long count;

    @Parameters(index = "1", paramLabel = "<file>", description = "Where to write them.")
    Path file;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "<count>: expected 0 or more customers, found " + count);
        }
        long started = System.nanoTime();
        try {
            CustomerGenerator.write(count, file, seed);
        } catch (UncheckedIOException e) {
            // the file system's exceptions often say only the path: "error: /proc/x.csv" gave no reason
            Exception cause = e.getCause() == null ? e : e.getCause();
            System.err.println("error: cannot write " + file + " (" + FileFailures.reason(cause) + ")");
            if (Cli.debug) {
                e.printStackTrace(System.err);
            }
            return Cli.USAGE;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "%,d customers written to %s in %.1f s (%,.0f rows/s)%n", count, file, seconds, count / seconds);
        return Cli.COMPLETED;
    }
}
