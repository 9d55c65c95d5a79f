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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of one job at once from two processes on the embedded H2 database (a file opened with the shipped default
 * URL's settings, {@code AUTO_SERVER=TRUE} among them): the second is refused with exit code 4 and one line, no stack trace, and
 * so is a restart of the live run; the first completes.
 */
class H2JobLockIntegrationTests {
    private static final Pattern STARTED = Pattern.compile("run (run_\\S+) of job \\S+ started");

    @TempDir
    Path folder;

    @Test
    void aSecondRunOfAJobGoingInAnotherProcessIsRefusedWithExitCode4() throws IOException {
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path gate = Files.createDirectories(folder.resolve("gate"));
        String job = RunFixtures.uniqueJobName("h2-locked");
        Path jobFile = RunFixtures.job("job-all.json", job, input, folder);
        String database = "--spring.datasource.url=" + ShippedH2Url.under(folder);

        // the first run is held in its evaluate step until both other processes have been refused
        ChildProcesses.Child first = ChildProcesses.start(
                folder.resolve("first.log"),
                RunGate.acrossProcesses(gate, 1),
                "run",
                jobFile.toString(),
                "--output",
                folder.resolve("out").toString(),
                database);
        try {
            RunGate.awaitHeldIn(gate, Duration.ofSeconds(180), first.process()::isAlive, first::console);
            Matcher started = STARTED.matcher(first.console());
            assertThat(started.find()).as(first.console()).isTrue();
            String[] runId = {started.group(1)};

            ChildProcesses.Child second = ChildProcesses.start(
                    folder.resolve("second.log"),
                    "run",
                    jobFile.toString(),
                    "--output",
                    folder.resolve("out").toString(),
                    database);
            ChildProcesses.Child restart =
                    ChildProcesses.start(folder.resolve("restart.log"), "restart", runId[0], database);
            for (ChildProcesses.Child refused : List.of(second, restart)) {
                int exit = refused.exitCode(180);
                String console = refused.console();
                assertThat(exit).as(console).isEqualTo(Cli.BUSY);
                assertThat(console.lines()
                                .filter(line -> line.startsWith("error: "))
                                .toList())
                        .as(console)
                        .containsExactly("error: job " + job
                                + " is already running (in another process); at most one run of a job goes at a time");
                assertThat(console).as("no stack trace").doesNotContain("Exception", "\tat ");
            }
            assertThat(first.process().isAlive())
                    .as("the first run goes on: %s", first.console())
                    .isTrue();

            RunGate.releaseIn(gate);
            int exit = first.exitCode(300);
            assertThat(exit).as(first.console()).isEqualTo(Cli.COMPLETED);
            assertThat(first.console()).contains("run " + runId[0] + " of job " + job + " ended: status=COMPLETED");
        } finally {
            first.kill();
        }
    }
}
