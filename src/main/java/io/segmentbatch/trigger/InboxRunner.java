package io.segmentbatch.trigger;

import io.segmentbatch.customer.FileStamp;
import io.segmentbatch.job.InvalidRunRequestException;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.Launch;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.job.ShuttingDownException;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.Trigger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Runs one dropped file through the launch facade, waiting its turn behind a run of the same job, and moves it
 * after: to {@code processed/} when the run completed, to {@code failed/} with the reason otherwise. A run
 * stopped by a shutdown leaves its file in the inbox; the next start restarts that run.
 */
@Component
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class InboxRunner {
    private static final Logger log = LoggerFactory.getLogger(InboxRunner.class);

    private final RunLauncher launcher;
    private final ServeSettings settings;
    private final Runs runs;

    InboxRunner(RunLauncher launcher, ServeSettings settings, Runs runs) {
        this.launcher = launcher;
        this.settings = settings;
        this.runs = runs;
    }

    void process(JobDefinition job, Path file, InboxLedger seen) {
        if (!Files.isRegularFile(file)) {
            log.warn("inbox of job {}: {} is gone before its run", job.name(), file);
            seen.remove(file.toFile());
            return;
        }
        log.info("inbox of job {}: took {}", job.name(), file);
        Instant now = Instant.now();
        // as of when the run starts: it may wait its turn behind a run of the job from another trigger
        RunRequest request = new RunRequest(job, file.toString(), settings.output(), null, Trigger.FILE);
        // what the run is about to read, and from when: a run of this path created since then is this file's run
        InboxLedger.Entry read = seen.runStarting(file.toFile(), now);
        finish(
                job,
                file,
                seen,
                read,
                null,
                () -> launcher.run(Launch.of(request).waitingWhenBusy()));
    }

    void resume(JobDefinition job, Path file, String runId, InboxLedger seen) {
        finish(
                job,
                file,
                seen,
                seen.entry(file.toFile()).orElse(null),
                runId,
                () -> launcher.run(Launch.restartOf(runId).waitingWhenBusy()));
    }

    /**
     * Runs, then moves the file the run read. A file dropped under the same name while the run went is another
     * file: it stays in the inbox, with its ledger entry, and runs in its turn (the run of the file it replaced
     * fails when its reading saw the change, and otherwise completes on what it read).
     */
    private void finish(
            JobDefinition job,
            Path file,
            InboxLedger seen,
            InboxLedger.@Nullable Entry read,
            @Nullable String resumed,
            Attempt launch) {
        try {
            RunOutcome outcome = launch.run();
            // what the run read: the file as it was when the run started, which may be later than when it was taken
            InboxLedger.@Nullable Entry ran = readBy(outcome.runId(), file, read);
            if (replaced(file, ran)) {
                log.warn(
                        "inbox of job {}: {} was replaced while run {} went ({} then, {} bytes modified {} now; the run"
                                + " ended {}); the new file stays in the inbox and runs in its turn",
                        job.name(),
                        file,
                        outcome.runId(),
                        ran,
                        file.toFile().length(),
                        Instant.ofEpochMilli(file.toFile().lastModified()),
                        outcome.status());
                return;
            }
            if (outcome.completed()) {
                Path moved = InboxFiles.processed(file, outcome.runId());
                log.info("inbox of job {}: {} done (run {}), moved to {}", job.name(), file, outcome.runId(), moved);
                // moved first, forgotten second: a crash in between leaves an entry that says "already ran"
                seen.remove(file.toFile());
            } else if (RunStatus.HELD.is(outcome.status())) {
                Path held = InboxFiles.held(file, outcome.runId(), job.name(), outcome.runFolder());
                seen.remove(file.toFile());
                log.warn(
                        "inbox of job {}: run {} of {} tripped a guard and is held; moved to {} until it is approved"
                                + " (then processed/) or discarded (then failed/)",
                        job.name(),
                        outcome.runId(),
                        file,
                        held);
            } else if (RunStatus.STOPPED.is(outcome.status())) {
                log.info(
                        "inbox of job {}: run {} of {} stopped; it is restarted at the next start",
                        job.name(),
                        outcome.runId(),
                        file);
            } else {
                String reason =
                        outcome.report() != null && outcome.report().job().error() != null
                                ? outcome.report().job().error()
                                : "the run ended " + outcome.status();
                fail(job, file, seen, ran, outcome.runId(), reason);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("inbox of job {}: {} stays for the next start", job.name(), file);
        } catch (ShuttingDownException e) {
            log.info("inbox of job {}: {} stays for the next start (shutting down)", job.name(), file);
        } catch (InvalidRunRequestException e) {
            fail(job, file, seen, read, resumed, e.getMessage());
        } catch (RuntimeException e) {
            log.error("inbox of job {}: {} failed: {}", job.name(), file, e.getMessage(), e);
            fail(job, file, seen, read, resumed, e.getMessage());
        }
    }

    /**
     * The file as the run read it: its size and modification time when the run started, as the run stored them
     * (with {@code taken}'s moment); {@code taken} when the run stored none.
     */
    private InboxLedger.@Nullable Entry readBy(String runId, Path file, InboxLedger.@Nullable Entry taken) {
        List<String> stamps =
                runs.find(runId).map(run -> runs.inputStamps(run.runNo())).orElse(List.of());
        if (stamps.size() != 1 || taken == null) {
            return taken;
        }
        FileStamp stamp = FileStamp.parse(file, stamps.get(0));
        return new InboxLedger.Entry(stamp.size(), stamp.modified().toEpochMilli(), taken.since());
    }

    /** Whether the inbox holds another file under the name than the one the run read. */
    private static boolean replaced(Path file, InboxLedger.@Nullable Entry read) {
        return read != null && Files.isRegularFile(file) && !read.sameContentAs(file.toFile());
    }

    /** Moves the file to failed/ and forgets it, so that the same file dropped again (fixed) runs again. */
    private void fail(
            JobDefinition job,
            Path file,
            InboxLedger seen,
            InboxLedger.@Nullable Entry read,
            @Nullable String runId,
            @Nullable String reason) {
        if (replaced(file, read)) {
            log.warn(
                    "inbox of job {}: {} failed (run {}): {}; the file was replaced meanwhile and runs in its turn",
                    job.name(),
                    file,
                    runId,
                    reason);
            return;
        }
        Path target = InboxFiles.failed(file, runId, job.name(), reason);
        seen.remove(file.toFile());
        log.warn("inbox of job {}: {} failed (run {}): {}; moved to {}", job.name(), file, runId, reason, target);
    }

    @FunctionalInterface
    private interface Attempt {
        RunOutcome run() throws InterruptedException;
    }
}
