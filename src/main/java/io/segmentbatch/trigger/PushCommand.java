package io.segmentbatch.trigger;

import io.segmentbatch.destination.DeliveryRefusedException;
import io.segmentbatch.destination.Destinations;
import io.segmentbatch.report.JobReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code push <run id>}: hands a completed run to its job's destinations again (resumes or retries a push). */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = "Delivers a completed run to the destinations of its job: creates the static segments not yet "
                + "created (none twice), deletes the ones they replace, and queues and sends its events.",
        footer = {
            "",
            "Run it against the same database as the run, e.g. with",
            "--spring.profiles.active=postgres",
            "Exit codes: 0 every destination done, 1 a destination failed, 2 no such run or it is not completed."
        })
final class PushCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<run id>", description = "The run's ID, e.g. run_20261128T023000_Ab12Cd34.")
    String runId;

    @CommandLine.Unmatched
    List<String> springArguments = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Prints each destination's status; returns the exit code. */
    static int print(Destinations.Outcome outcome) {
        if (outcome.destinations().isEmpty()) {
            System.out.println("run " + outcome.runId() + ": its job declares no destinations");
        }
        for (JobReport.DestinationEntry entry : outcome.destinations()) {
            System.out.printf(
                    "%-60s %-10s %s%n", entry.name(), entry.status(), entry.error() == null ? "" : entry.error());
        }
        return outcome.done() ? Cli.COMPLETED : Cli.FAILED;
    }

    @Override
    public Integer call() {
        SpringArguments.check(spec, springArguments);
        try (ConfigurableApplicationContext context = SpringArguments.start(springArguments)) {
            return print(context.getBean(Destinations.class).deliver(runId));
        } catch (DeliveryRefusedException e) {
            System.err.println("error: " + e.getMessage());
            return Cli.USAGE;
        }
    }
}
