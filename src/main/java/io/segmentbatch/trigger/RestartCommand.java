package io.segmentbatch.trigger;

import io.segmentbatch.destination.Destinations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code restart <run id>}: resumes a failed or killed run from its last commit. */
@Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description = "Restarts a failed, stopped or killed run from its last commit, with the job definition and "
                + "input it started with. Members and events are not duplicated.",
        footer = {
            "",
            "Run it against the same database as the run, e.g. with",
            "--spring.profiles.active=postgres",
            "--remote: send the partitions left to the workers of a cluster (segment-batch worker) over RabbitMQ.",
            "Exit codes: 0 the run completed, 1 it failed again, 2 no such run or it cannot restart, 3 it tripped a"
                    + " guard and is held (approve or discard it), 4 a run of the job is going."
        })
final class RestartCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<run id>", description = "The run's ID, e.g. run_20261128T023000_Ab12Cd34.")
    String runId;

    @CommandLine.Mixin
    RunnerOptions runner;

    @Override
    public Integer call() {
        return SpringArguments.launch(
                runner.springArguments(),
                context -> {
                    // a run killed after its commit, in the middle of its delivery: resume the delivery
                    Destinations destinations = context.getBean(Destinations.class);
                    return destinations.unfinished(runId) ? PushCommand.print(destinations.deliver(runId)) : null;
                },
                launcher -> launcher.restart(runId));
    }
}
