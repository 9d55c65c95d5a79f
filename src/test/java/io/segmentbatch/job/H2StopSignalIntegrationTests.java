package io.segmentbatch.job;

import io.segmentbatch.RunGate;
import io.segmentbatch.store.ShippedH2Url;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (as Ctrl-C) to {@code segment-batch run} on the embedded H2 database with the shipped URL: the run stops at
 * its next commit, ends STOPPED with its report, the command exits 1, and {@code restart} completes it. Left to the
 * JVM's shutdown, H2's own shutdown hook closed the database under the run ("unknown state", no report, exit 143).
 */
class H2StopSignalIntegrationTests {
    private static final Pattern STARTED = Pattern.compile("run (run_\\S+) of job \\S+ started");

    @TempDir
    Path folder;

    @Test
    void aRunSignalledToStopEndsStoppedWithItsReportAndRestarts() throws IOException, InterruptedException {
        HeldRun held = startHeld("h2-signal");
        ChildProcesses.Child run = held.run();
        String runId = held.runId();
        String job = held.job();
        String database = held.database();
        Path gate = held.gate();
        try {
            run.process().destroy(); // SIGTERM
            Thread.sleep(1_000); // the stop request is recorded while the chunk is held
            RunGate.releaseIn(gate);
            int exit = run.exitCode(180);
            String console = run.console();
            assertThat(exit).as(console).isEqualTo(Cli.FAILED);
            assertThat(console)
                    .contains("stopping the run at its next commit", "Run " + runId + " STOPPED", "Report: ")
                    .contains("stopped on request (Ctrl-C, SIGTERM or a shutdown); restart it to go on from its last"
                            + " commit (segment-batch restart " + runId + ")")
                    .doesNotContain("unknown state", "has been closed", "could not be stopped");
            assertThat(folder.resolve("out").resolve(job).resolve(runId).resolve("report.json"))
                    .exists();

            assertRestartCompletes(held);
        } finally {
            run.kill();
        }
    }

    /**
     * A step that does not reach a commit within the shutdown's timeout, then a second signal: Spring Batch's stop
     * has given the job execution STOPPED and an end time while its step stays STARTED. The restart recovers it
     * (before, Spring Batch refused it for good: "job execution already running").
     */
    @Test
    void aRunEndedBeforeItsStepStoppedIsRecoveredByItsRestart() throws IOException {
        HeldRun held = startHeld("h2-cut", "--segment-batch.shutdown-timeout=1s");
        ChildProcesses.Child run = held.run();
        String runId = held.runId();
        String job = held.job();
        String database = held.database();
        try {
            run.process().destroy(); // SIGTERM: the stop is asked for; the held chunk never commits
            io.segmentbatch.ServeFixtures.await(
                    Duration.ofSeconds(60),
                    "the stop's timeout ran out",
                    () -> run.console().contains("still going after PT1S"));
            run.process().destroy(); // the second signal ends the process at once
            assertThat(run.exitCode(60)).as(run.console()).isEqualTo(130);
            assertThat(run.console())
                    .contains("segment-batch: stopping now (a second signal); the run is marked failed at the next"
                            + " start and restarts from its last commit")
                    .doesNotContain("should not be restarted");

            assertRestartCompletes(held);
        } finally {
            run.kill();
        }
    }

    /** A {@code run} in a child process on the shipped H2 URL, held at its first chunk. */
    private record HeldRun(ChildProcesses.Child run, String runId, String job, String database, Path gate) {}

    private HeldRun startHeld(String jobPrefix, String... extra) throws IOException {
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path gate = Files.createDirectories(folder.resolve("gate"));
        String job = RunFixtures.uniqueJobName(jobPrefix);
        Path jobFile = RunFixtures.job("job-all.json", job, input, folder);
        String database = "--spring.datasource.url=" + ShippedH2Url.under(folder);
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(
                "run", jobFile.toString(), "--output", folder.resolve("out").toString(), database));
        arguments.addAll(java.util.List.of(extra));
        ChildProcesses.Child run = ChildProcesses.start(
                folder.resolve("run.log"), RunGate.acrossProcesses(gate, 1), arguments.toArray(String[]::new));
        try {
            RunGate.awaitHeldIn(gate, Duration.ofSeconds(180), run.process()::isAlive, run::console);
            Matcher started = STARTED.matcher(run.console());
            assertThat(started.find()).as(run.console()).isTrue();
            return new HeldRun(run, started.group(1), job, database, gate);
        } catch (RuntimeException | AssertionError e) {
            run.kill();
            throw e;
        }
    }

    private void assertRestartCompletes(HeldRun held) {
        ChildProcesses.Child restart =
                ChildProcesses.start(folder.resolve("restart.log"), "restart", held.runId(), held.database());
        assertThat(restart.exitCode(180)).as(restart.console()).isEqualTo(Cli.COMPLETED);
        assertThat(restart.console())
                .contains("run " + held.runId() + " of job " + held.job() + " ended: status=COMPLETED");
    }
}
