package io.segmentbatch.trigger;

import io.segmentbatch.store.Trigger;
import picocli.CommandLine.Command;

/** {@code preview <job.json>}: a dry run of a job. */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        description = "A dry run: evaluates the job like a run, "
                + "without committing anything (no current membership, no event, no destination call), and prints what a run "
                + "would do: members, static segments and entered/left per segment, the guards it would trip, and which "
                + "static segments would change.",
        footer = {
            "",
            "Spring properties may follow, e.g. --spring.profiles.active=postgres to use PostgreSQL.",
            "--remote: evaluate on the workers of a cluster (segment-batch worker) over RabbitMQ; needs PostgreSQL.",
            "Exit codes: 0 the preview went to the end, 1 it failed, 2 bad usage or an invalid job definition, 4 a"
                    + " run of the job is going."
        })
final class PreviewCommand extends RunCommand {

    @Override
    Trigger trigger() {
        return Trigger.PREVIEW;
    }
}
