package io.segmentbatch.job;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.sample.CustomerGenerator;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of one job at once from two processes on the embedded H2 database (a file opened with
 * {@code AUTO_SERVER=TRUE}, as by default): the second is refused with exit code 4 and one line, no stack trace, and
 * so is a restart of the live run; the first completes.
 */
class H2JobLockIntegrationTests {
    private static final Pattern STARTED = Pattern.compile("run (run_\\S+) of job \\S+ started");

    @TempDir
    Path folder;

    @Test
    void aSecondRunOfAJobGoingInAnotherProcessIsRefusedWithExitCode4() {
        Path input = folder.resolve("customers.csv");
        CustomerGenerator.write(100_000, input, 17);
        String job = RunFixtures.uniqueJobName("h2-locked");
        Path jobFile = RunFixtures.job("job-all.json", job, input, folder);
        String database = "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("data").resolve("segment-batch")
                + ";MODE=PostgreSQL;AUTO_SERVER=TRUE";

        ChildProcesses.Child first = ChildProcesses.start(folder.resolve("first.log"), "run", jobFile.toString(),
                "--output", folder.resolve("out").toString(),
                // small chunks on one thread: the run goes on while two more JVMs start
                "--segment-batch.chunk-size=20", "--segment-batch.partition-threads=1", "--segment-batch.partition-size=4MB",
                database);
        try {
            String[] runId = new String[1];
            ServeFixtures.await(Duration.ofSeconds(180), "the first process's run has started", () -> {
                assertThat(first.process().isAlive()).as("the first process is going: %s", first.console()).isTrue();
                Matcher started = STARTED.matcher(first.console());
                if (started.find()) {
                    runId[0] = started.group(1);
                    return true;
                }
                return false;
            });

            ChildProcesses.Child second = ChildProcesses.start(folder.resolve("second.log"), "run", jobFile.toString(),
                    "--output", folder.resolve("out").toString(), database);
            ChildProcesses.Child restart = ChildProcesses.start(folder.resolve("restart.log"), "restart", runId[0], database);
            for (ChildProcesses.Child refused : List.of(second, restart)) {
                int exit = refused.exitCode(180);
                String console = refused.console();
                assertThat(exit).as(console).isEqualTo(Cli.BUSY);
                assertThat(console.lines().filter(line -> line.startsWith("error: ")).toList()).as(console).containsExactly(
                        "error: job " + job + " is already running (in another process); at most one run of a job goes at a time");
                assertThat(console).as("no stack trace").doesNotContain("Exception", "\tat ");
            }
            assertThat(first.process().isAlive()).as("the first run goes on: %s", first.console()).isTrue();

            int exit = first.exitCode(300);
            assertThat(exit).as(first.console()).isEqualTo(Cli.COMPLETED);
            assertThat(first.console()).contains("run " + runId[0] + " of job " + job + " ended: status=COMPLETED");
        } finally {
            first.kill();
        }
    }
}
