package io.segmentbatch.job;

import io.segmentbatch.PostgresBatchTest;
import io.segmentbatch.RunGate;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.store.JobLocks;
import io.segmentbatch.store.Trigger;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One job, several processes on one PostgreSQL database (README.md, "Concurrency"): while a run goes in another JVM, a second
 * launch of its job and a restart of the live run are refused (here, and from the command line with exit code 4 and
 * one line, no stack trace), and leave the live run alone. Once that JVM is killed, its run is recovered and
 * restarted to completion.
 */
@PostgresBatchTest
class PostgresJobLockIntegrationTests {
    private static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(180);

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @Autowired
    RunLauncher launcher;

    @Autowired
    JobLocks locks;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path folder;

    @Test
    void aSecondLaunchOrARestartOfALiveRunFromAnotherProcessIsRefusedAndTheRunRecoveredOnceItsProcessDies()
            throws IOException {
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path gate = Files.createDirectories(folder.resolve("gate"));
        String job = RunFixtures.uniqueJobName("locked");
        Path jobFile = RunFixtures.job("job-all.json", job, input, folder);
        Path output = folder.resolve("out");

        // the run is held in its evaluate step (never released: its process is killed)
        ChildProcesses.Child first = ChildProcesses.start(
                folder.resolve("first.log"),
                RunGate.acrossProcesses(gate, 1),
                with("run", jobFile.toString(), "--output", output.toString(), "--as-of", AS_OF.toString()));
        String runId;
        try {
            RunGate.awaitHeldIn(gate, WAIT, first.process()::isAlive, first::console);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM sb_run WHERE job_name = ? AND status = 'STARTED'",
                            Integer.class,
                            job))
                    .isOne();
            runId = jdbc.queryForObject("SELECT run_id FROM sb_run WHERE job_name = ?", String.class, job);
            assertThat(locks.isLocked(job)).isTrue();

            RunRequest again =
                    new RunRequest(new JobDefinitionLoader().load(jobFile), null, output, AS_OF, Trigger.MANUAL);
            assertThatThrownBy(() -> launcher.run(again))
                    .isInstanceOf(JobBusyException.class)
                    .hasMessageContaining("job " + job + " is already running");
            assertThatThrownBy(() -> launcher.restart(runId))
                    .isInstanceOf(JobBusyException.class)
                    .hasMessageContaining("job " + job + " is already running");

            ChildProcesses.Child second = ChildProcesses.start(
                    folder.resolve("second.log"), with("run", jobFile.toString(), "--output", output.toString()));
            ChildProcesses.Child restart = ChildProcesses.start(folder.resolve("restart.log"), with("restart", runId));
            assertRefused(second, job);
            assertRefused(restart, job);

            assertThat(first.process().isAlive())
                    .as("the live run goes on: %s", first.console())
                    .isTrue();
            assertThat(jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId))
                    .isEqualTo("STARTED");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_run WHERE job_name = ?", Integer.class, job))
                    .as("refused launches leave no run behind")
                    .isEqualTo(1);
            assertThat(batchStatus(runId)).as("the live run's execution").isEqualTo("STARTED");
            assertThat(launcher.recoverAbandonedRuns())
                    .as("a run whose process is alive is not recovered")
                    .doesNotContain(runId);
            assertThat(batchStatus(runId)).isEqualTo("STARTED");
        } finally {
            first.kill();
        }

        List<String> recovered = new ArrayList<>();
        // the database notices the dead process's connection (and drops its lock) once the kernel closes the socket
        ServeFixtures.await(Duration.ofSeconds(30), "the killed run is recovered", () -> {
            recovered.addAll(launcher.recoverAbandonedRuns());
            return recovered.contains(runId);
        });
        assertThat(batchStatus(runId)).isEqualTo("FAILED");
        RunOutcome restarted = launcher.restart(runId);
        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.report().input().customers()).isEqualTo(8);
        assertThat(locks.isLocked(job)).as("the lock goes with the run").isFalse();
    }

    private static void assertRefused(ChildProcesses.Child child, String job) {
        int exit = child.exitCode(180);
        String console = child.console();
        assertThat(exit).as(console).isEqualTo(Cli.BUSY);
        assertThat(console.lines().filter(line -> line.startsWith("error: ")).toList())
                .as(console)
                .containsExactly("error: job " + job
                        + " is already running (in another process); at most one run of a job goes at a time");
        assertThat(console).as("no stack trace").doesNotContain("Exception", "\tat ");
    }

    private String batchStatus(String runId) {
        return jdbc.queryForObject(
                "SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p"
                        + " ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'run.id' AND p.PARAMETER_VALUE = ?"
                        + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1",
                String.class,
                runId);
    }

    private String[] with(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--spring.datasource.url=" + TestDatabases.postgresUrl());
        all.add("--spring.datasource.username=" + TestDatabases.postgresUser());
        all.add("--spring.datasource.password=" + TestDatabases.postgresPassword());
        // the PostgreSQL server is shared: open connections when needed, not a full pool up front
        all.add("--spring.datasource.hikari.minimum-idle=1");
        return all.toArray(String[]::new);
    }
}
