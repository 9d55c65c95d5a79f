package io.segmentbatch.trigger;

import io.segmentbatch.job.HeldRunSettled;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/**
 * The file of an inbox run that tripped a guard waits in the inbox's {@code held/} folder; when the run is
 * approved it goes to {@code processed/}, when it is discarded (by an operator, or because a later run completed)
 * to {@code failed/}, in whichever process settles the run (serve, or a one-shot {@code approve}).
 */
@Component
class InboxHeldFiles {
    private static final Logger log = LoggerFactory.getLogger(InboxHeldFiles.class);

    private final Runs runs;

    InboxHeldFiles(Runs runs) {
        this.runs = runs;
    }

    @EventListener
    void settled(HeldRunSettled settled) {
        try {
            RunRecord run = runs.find(settled.runId()).orElse(null);
            if (run == null || run.trigger() != Trigger.FILE || run.inputFiles().size() != 1) {
                return;
            }
            Path file = Path.of(run.inputFiles().get(0));
            Path moved = InboxFiles.settled(file, run.runId(), run.jobName(), RunStatus.COMPLETED.is(settled.status()));
            if (moved != null) {
                log.info(
                        "inbox of job {}: the held run {} of {} is {}; moved to {}",
                        run.jobName(),
                        run.runId(),
                        file.getFileName(),
                        settled.status(),
                        moved);
            }
        } catch (RuntimeException e) {
            log.warn("inbox: the file of held run {} was not moved: {}", settled.runId(), e.getMessage());
        }
    }
}
