package io.segmentbatch.destination;

import io.segmentbatch.PostgresBatchTest;
import io.segmentbatch.SegmentBatchApplication;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code run} process (a separate JVM, as in production) SIGKILLed in the middle of its push, just after the
 * remote service created a segment and before the answer came back; {@code restart <run id>} then resumes the push:
 * every static segment exists remotely exactly once, created by exactly one POST, and nothing else.
 */
@PostgresBatchTest // the PostgreSQL tests' shared context: no pool of its own on the shared server
class PostgresPushKillIntegrationTests {
    private static final Path FOLDER = ServeFixtures.tempFolder("push-kill-");
    private static ConfigurableApplicationContext remote;
    private static int remotePort;

    @BeforeAll
    static void start() {
        TestDatabases.requirePostgres();
        PushFixtures.credentials();
        remote = ServeFixtures.serve(
                PushFixtures.remoteJobs(FOLDER), FOLDER.resolve("remote-out"), ServeFixtures.h2Url("remote-kill"));
        remotePort = ServeFixtures.port(remote);
    }

    @AfterAll
    static void stop() {
        if (remote != null) {
            remote.close();
        }
    }

    @Autowired
    Destinations destinations;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPushKilledBetweenCreateAndAnswerResumesWithoutDuplicatesOrOrphans() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy("http://127.0.0.1:" + remotePort)) {
            CountDownLatch thirdCreated = new CountDownLatch(1);
            AtomicInteger posts = new AtomicInteger();
            proxy.delayAfterForwardMillis = 1500;
            proxy.afterForward = request -> {
                if (request.startsWith("POST") && posts.incrementAndGet() == 3) {
                    thirdCreated.countDown();
                }
            };
            String name = RunFixtures.uniqueJobName("killed-push");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + ".csv"),
                    FOLDER,
                    PushFixtures.voucherify(
                            proxy.url(), "\"concurrency\": 1, \"requests_per_minute\": 6000, \"timeout\": \"PT5S\""));
            Set<String> before = PushFixtures.remoteStaticSegments(remotePort).keySet();

            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            SegmentBatchApplication.class.getName(),
                            "run",
                            job.toString(),
                            "--output",
                            FOLDER.resolve("out").toString(),
                            "--spring.datasource.url=" + TestDatabases.postgresUrl(),
                            "--spring.datasource.username="
                                    + jdbc.getDataSource()
                                            .getConnection()
                                            .getMetaData()
                                            .getUserName())
                    .redirectErrorStream(true)
                    .redirectOutput(FOLDER.resolve(name + ".log").toFile());
            builder.environment().put(PushFixtures.APP_ID_ENV, ServeFixtures.APP_ID);
            builder.environment().put(PushFixtures.APP_TOKEN_ENV, ServeFixtures.APP_TOKEN);
            Process process = builder.start();
            try {
                assertThat(thirdCreated.await(120, TimeUnit.SECONDS))
                        .as("the push reached its third segment (see " + name + ".log)")
                        .isTrue();
            } finally {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            String runId = jdbc.queryForObject("SELECT run_id FROM sb_run WHERE job_name = ?", String.class, name);
            assertThat(jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId))
                    .isEqualTo("COMPLETED");
            assertThat(jdbc.queryForList(
                            "SELECT state FROM sb_dest_segment WHERE run_id = ? ORDER BY state", String.class, runId))
                    .as("killed after two were recorded, with a third created remotely but not recorded")
                    .contains("CREATING")
                    .filteredOn("DONE"::equals)
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT state FROM sb_dest_run WHERE run_id = ?", String.class, runId))
                    .isEqualTo("RUNNING");

            assertThat(destinations.unfinished(runId)).isTrue();
            assertThat(Cli.execute(
                            "restart",
                            runId,
                            "--spring.datasource.url=" + TestDatabases.postgresUrl(),
                            "--spring.datasource.username="
                                    + jdbc.getDataSource()
                                            .getConnection()
                                            .getMetaData()
                                            .getUserName()))
                    .as("restart resumes the push of a completed run")
                    .isZero();

            JsonNode report = RunFixtures.json(
                    FOLDER.resolve("out").resolve(name).resolve(runId).resolve("report.json"));
            assertThat(report.at("/destinations/0/status").asString())
                    .as(report.toString())
                    .isEqualTo("DONE");
            Map<String, String> pushed = PushFixtures.remoteIds(report);
            // Warsaw 3, Big spenders 3, VIP 2 and the job's own static segment Beta
            assertThat(pushed).hasSize(9).doesNotContainValue(null);
            Map<String, String> remoteNow = new HashMap<>(PushFixtures.remoteStaticSegments(remotePort));
            remoteNow.keySet().removeAll(before);
            assertThat(remoteNow.keySet())
                    .as("no duplicate, no orphan")
                    .containsExactlyInAnyOrderElementsOf(pushed.values());
            assertThat(posts.get())
                    .as("each segment created by exactly one POST")
                    .isEqualTo(9);
            Map<String, List<String>> members =
                    PushFixtures.members(FOLDER.resolve("out").resolve(name).resolve(runId), report);
            pushed.forEach((part, id) -> assertThat(PushFixtures.remoteMembers(remotePort, id))
                    .containsExactlyInAnyOrderElementsOf(members.get(part)));
        }
    }
}
