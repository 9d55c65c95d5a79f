package io.segmentbatch.job;

import io.segmentbatch.H2BatchTest;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;

/**
 * A launch whose job the job repository refuses to start or restart (after the run was created, or marked
 * STARTING for its restart) leaves the run FAILED rather than STARTING for good, and lets its job go: the next launch
 * of the job is not refused as busy. The refusal is made up (a spy on Spring Batch's operator); what is checked is
 * the launcher's own bookkeeping around it.
 */
@H2BatchTest
class H2LaunchFailureIntegrationTests {
    @MockitoSpyBean
    JobOperator operator;

    @Autowired
    RunLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path folder;

    @AfterEach
    void operatorAsBuilt() {
        Mockito.reset(operator);
    }

    @Test
    void aRunWhoseJobCannotStartEndsFailedAndItsJobIsFree() throws Exception {
        JobFile file = JobFile.of("job-all.json")
                .name(RunFixtures.uniqueJobName("nostart"))
                .input(export("cust_1,A,a@x.com\ncust_2,B,b@x.com\n"));
        Path job = file.writeTo(folder);
        Mockito.doThrow(new IllegalStateException("simulated: the job repository refused"))
                .when(operator)
                .start(any(Job.class), any());

        assertThatThrownBy(() -> run(job))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start")
                .hasMessageContaining("simulated");

        String refused = newestRun(file.name());
        assertThat(status(refused)).isEqualTo("FAILED");
        assertThatThrownBy(() -> launcher.restart(refused))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessageContaining("never started");

        Mockito.reset(operator);
        RunOutcome next = run(job);
        assertThat(next.status()).as("the job was let go").isEqualTo("COMPLETED");
    }

    @Test
    void aRestartThatCannotStartEndsFailedAndTheRunCanBeRestartedAgain() throws Exception {
        // cust_1 twice with a skip limit of 0: the run fails, a restart runs it again (and fails the same way)
        JobFile file = JobFile.of("job-all.json")
                .name(RunFixtures.uniqueJobName("norestart"))
                .input(export("cust_1,A,a@x.com\ncust_2,B,b@x.com\ncust_1,A2,a2@x.com\n"))
                .set("skip_limit", 0);
        Path job = file.writeTo(folder);
        RunOutcome failed = run(job);
        assertThat(failed.status()).isEqualTo("FAILED");
        Mockito.doThrow(new IllegalStateException("simulated: the job repository refused"))
                .when(operator)
                .restart(any(JobExecution.class));

        assertThatThrownBy(() -> launcher.restart(failed.runId()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not restart")
                .hasMessageContaining("simulated");

        assertThat(status(failed.runId())).as("not left STARTING").isEqualTo("FAILED");
        assertThat(launcher.activeRun(file.name())).isEmpty();

        Mockito.reset(operator);
        RunOutcome again = launcher.restart(failed.runId());
        assertThat(again.runId()).isEqualTo(failed.runId());
        assertThat(again.status()).isEqualTo("FAILED");
        assertThat(RunFixtures.json(again.reportFile()).at("/job/error").asString())
                .as("the restart ran the job again")
                .contains("skip_limit");
    }

    private RunOutcome run(Path jobFile) {
        JobDefinition definition = new JobDefinitionLoader().load(jobFile);
        return launcher.run(new RunRequest(definition, null, folder.resolve("out"), null, Trigger.MANUAL));
    }

    private Path export(String rows) throws IOException {
        Path file = folder.resolve("export-" + java.util.UUID.randomUUID() + ".csv");
        Files.writeString(file, "id,name,email\n" + rows);
        return file;
    }

    private String newestRun(String jobName) {
        return jdbc.queryForObject(
                "SELECT run_id FROM sb_run WHERE job_name = ? ORDER BY run_no DESC LIMIT 1", String.class, jobName);
    }

    private String status(String runId) {
        return jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId);
    }
}
