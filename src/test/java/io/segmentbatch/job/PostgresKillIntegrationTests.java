package io.segmentbatch.job;

import io.segmentbatch.PostgresBatchTest;
import io.segmentbatch.RunGate;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.sample.CustomerGenerator;
import io.segmentbatch.store.Trigger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with SIGKILL in the middle of its evaluate step (a separate JVM, as in production), then recovered
 * and restarted here: its members and events equal those of an uninterrupted run of the same input.
 */
@PostgresBatchTest
class PostgresKillIntegrationTests {
    private static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    private static final int CUSTOMERS = 12_000;

    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @Autowired
    RunLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path folder;

    @Test
    void aRunKilledMidStepIsRecoveredAndRestartedToTheResultOfAnUninterruptedRun() throws Exception {
        Path input = folder.resolve("customers.csv");
        CustomerGenerator.write(CUSTOMERS, input, 11);
        String killedJob = RunFixtures.uniqueJobName("killed");
        Path killedFile = RunFixtures.job("job-all.json", killedJob, input, folder);
        String runId = killMidEvaluate(killedJob, killedFile);

        assertThat(jdbc.queryForObject(
                        "SELECT status FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION_PARAMS p"
                                + " ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'run.id' AND p.PARAMETER_VALUE = ?"
                                + " WHERE s.STEP_NAME = 'evaluate'",
                        String.class,
                        runId))
                .as("left started by the killed process")
                .isEqualTo("STARTED");

        assertThat(launcher.recoverAbandonedRuns()).contains(runId);
        // its folder says it failed, as a failed run's does, before any restart
        Path runFolder = folder.resolve("out").resolve(killedJob).resolve(runId);
        JsonNode failed = RunFixtures.json(runFolder.resolve("report.json"));
        assertThat(failed.at("/job/status").asString()).isEqualTo("FAILED");
        assertThat(failed.at("/job/error").asString())
                .contains("process running it stopped")
                .contains("segment-batch restart " + runId);
        assertThat(failed.at("/input/rows_read").asLong())
                .as("the rows of its committed chunks")
                .isPositive();
        assertThat(runFolder.resolve("report.html")).exists();
        assertThat(jdbc.queryForObject(
                        "SELECT status || ' ' || CAST(report_json IS NOT NULL AS VARCHAR) FROM sb_run WHERE run_id = ?",
                        String.class,
                        runId))
                .isEqualTo("FAILED true");
        RunOutcome restarted = launcher.restart(runId);
        RunOutcome uninterrupted = launcher.run(new RunRequest(
                new JobDefinitionLoader()
                        .load(RunFixtures.job("job-all.json", RunFixtures.uniqueJobName("whole"), input, folder)),
                null,
                folder.resolve("out"),
                AS_OF,
                Trigger.MANUAL));

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(uninterrupted.status()).isEqualTo("COMPLETED");
        assertThat(members(restarted)).hasSizeGreaterThan(1000).isEqualTo(members(uninterrupted));
        assertThat(events(restarted.runId()))
                .hasSameSizeAs(members(uninterrupted))
                .isEqualTo(events(uninterrupted.runId()));
        assertThat(restarted.report().input().customers()).isEqualTo(CUSTOMERS);
    }

    @Test
    void aKilledRunIsMarkedFailedByTheNextRunOfItsJobWhereNoServeStarts() throws Exception {
        Path input = folder.resolve("customers.csv");
        CustomerGenerator.write(CUSTOMERS, input, 12);
        String job = RunFixtures.uniqueJobName("killed-cli");
        Path jobFile = RunFixtures.job("job-all.json", job, input, folder);
        String killed = killMidEvaluate(job, jobFile);

        RunOutcome next = launcher.run(new RunRequest(
                new JobDefinitionLoader().load(jobFile), null, folder.resolve("out"), AS_OF, Trigger.MANUAL));

        assertThat(next.status()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, killed))
                .isEqualTo("FAILED");
        JsonNode report = RunFixtures.json(
                folder.resolve("out").resolve(job).resolve(killed).resolve("report.json"));
        assertThat(report.at("/job/status").asString()).isEqualTo("FAILED");
        assertThat(report.at("/job/error").asString()).contains("process running it stopped");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.restart(killed))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessageContaining("a later run of job");
    }

    /** Runs the job in a JVM of its own and kills it (SIGKILL) once its evaluate step committed a chunk; its run ID. */
    private String killMidEvaluate(String killedJob, Path killedFile) throws Exception {
        Path gate = Files.createDirectories(folder.resolve("gate"));

        // byte-range partitions of 200-customer chunks; the third chunk written waits at the gate until the kill, so
        // the evaluate step cannot end before it
        ChildProcesses.Child child = ChildProcesses.start(
                folder.resolve("killed.log"),
                RunGate.acrossProcesses(gate, 3),
                "run",
                killedFile.toString(),
                "--output",
                folder.resolve("out").toString(),
                "--as-of",
                AS_OF.toString(),
                "--spring.datasource.url=" + TestDatabases.postgresUrl(),
                "--spring.datasource.username=" + TestDatabases.postgresUser(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                "--segment-batch.events.outbox=all",
                "--segment-batch.chunk-size=200",
                "--segment-batch.partition-size=256KB");
        String runId;
        try {
            RunGate.awaitHeldIn(gate, Duration.ofSeconds(180), child.process()::isAlive, child::console);
            runId = awaitCommittedChunk(killedJob, child.process());
        } finally {
            child.kill();
        }
        return runId;
    }

    private String awaitCommittedChunk(String jobName, Process process) {
        return Awaitility.await("the evaluate step commits a chunk")
                .atMost(Duration.ofSeconds(180))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> {
                            assertThat(process.isAlive())
                                    .as("the run process is still going (see killed.log)")
                                    .isTrue();
                            return jdbc
                                    .queryForList(
                                            "SELECT p.PARAMETER_VALUE FROM BATCH_STEP_EXECUTION s"
                                                    + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'run.id'"
                                                    + " JOIN sb_run r ON r.run_id = p.PARAMETER_VALUE"
                                                    + " WHERE r.job_name = ? AND s.STEP_NAME LIKE 'evaluate-partition:%' AND s.COMMIT_COUNT >= 1",
                                            String.class, jobName)
                                    .stream()
                                    .findFirst()
                                    .orElse(null);
                        },
                        runId -> runId != null);
    }

    /** Every segment's members, in order, as the static segment files list them. */
    private static List<String> members(RunOutcome outcome) {
        List<String> members = new ArrayList<>();
        JsonNode report = RunFixtures.json(outcome.reportFile());
        for (JsonNode segment : report.get("segments")) {
            for (JsonNode chunk : segment.get("static_segments")) {
                RunFixtures.lines(outcome.runFolder().resolve(chunk.get("file").asString())).stream()
                        .skip(1)
                        .forEach(line -> members.add(segment.at("/segment/name").asString() + ":" + line));
            }
        }
        return members;
    }

    private List<String> events(String runId) {
        return jdbc.queryForList(
                "SELECT s.name || ':' || e.type || ':' || e.customer_key FROM sb_event e"
                        + " JOIN sb_segment s ON s.id = e.segment_id WHERE e.run_id = ? ORDER BY e.customer_key, e.type",
                String.class,
                runId);
    }
}
