package io.segmentbatch.trigger;

import io.segmentbatch.job.HeldRuns;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code approve} and {@code discard}: what an operator decides about a run that a guard held. */
final class HeldRunCommands {
    private HeldRunCommands() {}

    @Command(
            name = "approve",
            mixinStandardHelpOptions = true,
            description = "Commits a run that tripped a guard (status HELD) as if it had completed: its memberships "
                    + "become current and its events go out.",
            footer = {
                "",
                "Exit codes: 0 approved, 2 no such run or it is not held (or a later run completed), 4 a run of the"
                        + " job is going."
            })
    static final class Approve implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<run id>", description = "The held run's ID.")
        String runId;

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SpringArguments.check(spec, springArguments);
            return SpringArguments.inContext(
                    springArguments, context -> context.getBean(HeldRuns.class).approve(runId));
        }
    }

    @Command(
            name = "discard",
            mixinStandardHelpOptions = true,
            description = "Drops a run that tripped a guard (status HELD): its members and events are deleted, nothing "
                    + "becomes current; the run stays listed as DISCARDED.",
            footer = {
                "",
                "Exit codes: 0 discarded (printed as DISCARDED), 2 no such run or it is not held, 4 a run of the job"
                        + " is going."
            })
    static final class Discard implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<run id>", description = "The held run's ID.")
        String runId;

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SpringArguments.check(spec, springArguments);
            int code = SpringArguments.inContext(
                    springArguments, context -> context.getBean(HeldRuns.class).discard(runId));
            return code == Cli.FAILED ? Cli.COMPLETED : code;
        }
    }
}
