package io.segmentbatch.trigger;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.sample.CustomerGenerator;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.SegmentCatalog;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several jobs at once in one {@code serve} (README.md, "Concurrency"): four jobs of different sizes on cron
 * schedules every 2–3 seconds, so that their runs overlap, while a long job launched over REST runs beside a short
 * one launched again and again. Every run completes, and each job's current members equal a lone run's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractConcurrentJobsIntegrationTests {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The cron jobs: name, customers in their export, schedule. */
    private static final List<String[]> CRON_JOBS = List.of(
            new String[] {"tiny", "300", "*/2 * * * * *"},
            new String[] {"small", "1500", "1/2 * * * * *"},
            new String[] {"medium", "4000", "*/3 * * * * *"},
            new String[] {"large", "8000", "1/3 * * * * *"});

    private static final int MIN_CRON_RUNS = 20;

    private Path folder;
    private ConfigurableApplicationContext service;
    private JdbcTemplate jdbc;
    private int port;

    /** Starts {@code serve} on the database under test. */
    abstract ConfigurableApplicationContext serve(Path jobs, Path output, String... extra);

    @BeforeAll
    void startService() throws IOException {
        folder = ServeFixtures.tempFolder("concurrent-jobs");
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Path exports = Files.createDirectories(folder.resolve("exports"));
        int seed = 20;
        for (String[] job : CRON_JOBS) {
            Path input = exports.resolve(job[0] + ".csv");
            CustomerGenerator.write(Integer.parseInt(job[1]), input, seed++);
            Files.writeString(
                    jobs.resolve(job[0] + ".json"),
                    jobJson(job[0], input, ", \"schedule\": { \"cron\": \"" + job[2] + "\", \"zone\": \"UTC\" }"));
        }
        Path long_ = exports.resolve("long.csv");
        CustomerGenerator.write(40_000, long_, 7);
        Files.writeString(jobs.resolve("long.json"), jobJson("long", long_, ""));
        Path short_ = RunFixtures.copy("customers-1.csv", exports);
        RunFixtures.job("job-segments.json", "short", short_, jobs);
        service = serve(
                jobs, folder.resolve("out"), "--segment-batch.chunk-size=1000", "--segment-batch.partition-size=1MB");
        jdbc = service.getBean(JdbcTemplate.class);
        port = ServeFixtures.port(service);
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void aLongJobLaunchedOverRestCompletesWhileAShortJobIsLaunchedAgainAndAgain(CapturedOutput output) {
        ServeFixtures.Response launched = ServeFixtures.call(port, "POST", "/v1/jobs/long/runs", null);
        assertThat(launched.status()).as(launched.raw().body()).isEqualTo(202);
        String longRun = launched.body().get("id").asString();

        List<String> shortRuns = new ArrayList<>();
        while (!ended(longRun) && shortRuns.size() < 15) {
            ServeFixtures.Response run = ServeFixtures.call(port, "POST", "/v1/jobs/short/runs", null);
            assertThat(run.status()).as(run.raw().body()).isEqualTo(202);
            String runId = run.body().get("id").asString();
            shortRuns.add(runId);
            ServeFixtures.await(WAIT, "short run " + runId + " ends", () -> ended(runId));
            // the run's status is final before its job is free: the job's older tables are dropped in between
            ServeFixtures.await(WAIT, "job short is free", () -> activeRun("short") == null);
        }

        ServeFixtures.await(WAIT, "the long run ends", () -> ended(longRun));
        assertThat(status(longRun)).as(error(longRun)).isEqualTo("COMPLETED");
        assertThat(shortRuns).as("short runs launched while the long one ran").hasSizeGreaterThanOrEqualTo(2);
        for (String runId : shortRuns) {
            assertThat(status(runId)).as(runId + ": " + error(runId)).isEqualTo("COMPLETED");
        }
        assertThat(ServeFixtures.call(port, "GET", "/v1/jobs/long/runs/" + longRun, null)
                        .body()
                        .at("/report/input/customers")
                        .asLong())
                .isEqualTo(40_000);
        // the runs' lines interleave: each names its job, on the job's thread and on the partitions' threads alike
        assertThat(output.getOut())
                .contains("INFO  [long] Executing step: [evaluate]")
                .contains("INFO  [long] Step: [evaluate-partition:file0000-part0000] executed in ")
                .contains("INFO  [short] Executing step: [publish]")
                .contains("INFO  [short] Step: [evaluate-partition:file0000-part0000] executed in ")
                .as("a run's start and end lines name it themselves")
                .contains("INFO  run " + longRun + " of job long started: ")
                .contains("INFO  run " + longRun + " of job long ended: ");
    }

    @Test
    @Order(2)
    void membersAreReadWhileTheRunsOfTheirJobCommitAndDropOlderRuns() {
        ServeFixtures.await(
                WAIT,
                "job tiny has completed a run",
                () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM sb_run WHERE job_name = 'tiny' AND status = 'COMPLETED'",
                                Integer.class)
                        >= 1);
        String segment = service.getBean(SegmentCatalog.class)
                .jobSegments("tiny", List.of("With e-mail"))
                .get("With e-mail")
                .id();
        String customer = ServeFixtures.call(port, "GET", "/v1/customers?segment_id=" + segment + "&limit=1", null)
                .body()
                .at("/customers/0/id")
                .asString();
        int completedBefore = completedRuns("tiny");
        int reads = 0;
        while (completedRuns("tiny") < completedBefore + 3) {
            ServeFixtures.Response page =
                    ServeFixtures.call(port, "GET", "/v1/customers?segment_id=" + segment + "&limit=100&page=2", null);
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            assertThat(page.body().get("customers").size()).isEqualTo(100);
            ServeFixtures.Response holding =
                    ServeFixtures.call(port, "GET", "/v1/customers/" + customer + "/segments", null);
            assertThat(holding.status()).as(holding.raw().body()).isEqualTo(200);
            assertThat(holding.raw().body()).contains(segment);
            reads++;
        }
        assertThat(reads).isPositive();
    }

    @Test
    @Order(3)
    void fourJobsOnOverlappingSchedulesCompleteEveryRunAndEndWithALoneRunsMembers() throws IOException {
        ServeFixtures.await(WAIT, MIN_CRON_RUNS + " scheduled runs have ended", () -> endedCronRuns() >= MIN_CRON_RUNS);
        service.getBean("scheduleTrigger", Lifecycle.class).stop();
        // this service's jobs only: the PostgreSQL database is shared with other test classes, and a run another
        // class left going (a failed test's child process killed) is not this test's
        ServeFixtures.await(
                WAIT,
                "no run goes on",
                () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM sb_run WHERE status IN ('STARTING', 'STARTED')"
                                        + " AND job_name IN ('tiny', 'small', 'medium', 'large', 'long', 'short')",
                                Integer.class)
                        == 0);

        List<Map<String, Object>> runs = jdbc.queryForList("SELECT run_id, job_name, status, report_json FROM sb_run"
                + " WHERE trigger_kind = 'SCHEDULE' ORDER BY run_no");
        assertThat(runs).hasSizeGreaterThanOrEqualTo(MIN_CRON_RUNS);
        assertThat(runs.stream()
                        .filter(run -> !"COMPLETED".equals(run.get("status")))
                        .toList())
                .as("scheduled runs that did not complete")
                .isEmpty();
        assertThat(runs.stream().map(run -> run.get("job_name")).distinct().count())
                .as("jobs that ran")
                .isEqualTo(4);

        RunLauncher launcher = service.getBean(RunLauncher.class);
        Path lone = Files.createDirectories(folder.resolve("lone"));
        for (String[] job : CRON_JOBS) {
            String name = job[0];
            String loneName = "lone-" + name;
            Path file = lone.resolve(loneName + ".json");
            Files.writeString(file, jobJson(loneName, folder.resolve("exports").resolve(name + ".csv"), ""));
            RunOutcome reference = launcher.run(new RunRequest(
                    new JobDefinitionLoader().load(file), null, folder.resolve("out"), Instant.now(), Trigger.MANUAL));
            assertThat(reference.status()).isEqualTo("COMPLETED");

            Map<String, List<Memberships.Member>> served = currentMembers(name);
            assertThat(served.values()).as("job %s has members", name).allMatch(members -> !members.isEmpty());
            assertThat(served)
                    .as("job %s: current members against a lone run's", name)
                    .isEqualTo(currentMembers(loneName));
            List<Long> completed = jdbc.queryForList(
                    "SELECT run_no FROM sb_run WHERE job_name = ? AND status = 'COMPLETED'"
                            + " ORDER BY run_no DESC LIMIT 2",
                    Long.class,
                    name);
            assertThat(jdbc.queryForList(
                            "SELECT run_no FROM sb_run WHERE job_name = ? AND stored ORDER BY run_no DESC",
                            Long.class,
                            name))
                    .as(
                            "job %s: only its current run and the one it replaced keep their customers (older ones were dropped)",
                            name)
                    .containsExactlyElementsOf(completed);
            assertThat(jdbc.queryForList(
                            "SELECT DISTINCT current_run_no FROM sb_segment WHERE job_name = ?", Long.class, name))
                    .containsExactly(completed.get(0));
        }
    }

    /** Each filter segment of the job, by name, with its current members in order. */
    private Map<String, List<Memberships.Member>> currentMembers(String job) {
        SegmentCatalog catalog = service.getBean(SegmentCatalog.class);
        Memberships memberships = service.getBean(Memberships.class);
        Map<String, List<Memberships.Member>> members = new LinkedHashMap<>();
        for (CatalogSegment segment : catalog.jobSegments(job, List.of("With e-mail", "Big spenders", "Warszawa"))
                .values()) {
            members.put(
                    segment.name(),
                    memberships
                            .members(catalog.find(segment.id()).orElseThrow(), 1_000_000, 0)
                            .members());
        }
        return members;
    }

    /** The job's run going now, as {@code GET /v1/jobs} says. */
    private String activeRun(String job) {
        for (var listed :
                ServeFixtures.call(port, "GET", "/v1/jobs", null).body().get("jobs")) {
            if (listed.get("name").asString().equals(job)) {
                var active = listed.path("active_run_id");
                return active.isNull() || active.isMissingNode() ? null : active.asString();
            }
        }
        throw new AssertionError("no job " + job + " in GET /v1/jobs");
    }

    private int completedRuns(String job) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM sb_run WHERE job_name = ? AND status = 'COMPLETED'", Integer.class, job);
    }

    private int endedCronRuns() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM sb_run WHERE trigger_kind = 'SCHEDULE'"
                        + " AND status NOT IN ('STARTING', 'STARTED')",
                Integer.class);
    }

    private boolean ended(String runId) {
        String status = status(runId);
        return status != null && !status.equals("STARTING") && !status.equals("STARTED");
    }

    private String status(String runId) {
        return jdbc.queryForList("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId).stream()
                .findFirst()
                .orElse(null);
    }

    private String error(String runId) {
        return jdbc.queryForList("SELECT report_json FROM sb_run WHERE run_id = ?", String.class, runId).stream()
                .findFirst()
                .orElse(null);
    }

    private static String jobJson(String name, Path input, String extra) {
        return """
                {
                  "name": "%s",
                  "input": { "path": "%s" },
                  "static_segment_size": 500,
                  "segments": [
                    { "name": "With e-mail", "type": "auto-update", "filter": { "email": { "conditions": { "$has_value": true } } } },
                    { "name": "Big spenders", "type": "auto-update",
                      "filter": { "summary.orders.total_amount": { "conditions": { "$more_than": [50000] } } } },
                    { "name": "Warszawa", "type": "passive", "filter": { "address.city": { "conditions": { "$is": ["Warszawa"] } } } }
                  ]%s
                }
                """.formatted(name, input.toString().replace("\\", "/"), extra);
    }
}
