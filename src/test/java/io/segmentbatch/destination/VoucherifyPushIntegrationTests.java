package io.segmentbatch.destination;

import io.segmentbatch.H2BatchTest;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunOutcome;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.store.Trigger;
import io.segmentbatch.trigger.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs whose job has a voucherify destination, pushed over real HTTP to this project's own serve mode (its
 * Voucherify-compatible segments API), through a proxy that counts the calls and injects faults.
 */
@H2BatchTest
class VoucherifyPushIntegrationTests {
    private static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    private static final String RETRY = "\"timeout\": \"PT1S\", \"requests_per_minute\": 6000,"
            + " \"retry\": {\"max_tries\": 8, \"first_delay\": \"PT0.05S\", \"max_delay\": \"PT0.2S\"}";
    private static final Path FOLDER = ServeFixtures.tempFolder("push-");
    private static ConfigurableApplicationContext remote;
    private static int remotePort;

    @BeforeAll
    static void startRemote() {
        PushFixtures.credentials();
        remote = ServeFixtures.serve(
                PushFixtures.remoteJobs(FOLDER), FOLDER.resolve("remote-out"), ServeFixtures.h2Url("remote"));
        remotePort = ServeFixtures.port(remote);
    }

    @AfterAll
    static void stopRemote() {
        remote.close();
    }

    @Autowired
    RunLauncher launcher;

    @Autowired
    Destinations destinations;

    @Test
    void everyStaticSegmentIsCreatedWithItsMembersUnchangedOnesAreKeptAndReplacedOnesDeleted() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy("http://127.0.0.1:" + remotePort)) {
            String name = RunFixtures.uniqueJobName("push");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + "-1.csv"),
                    FOLDER,
                    PushFixtures.voucherify(proxy.url(), RETRY));

            RunOutcome first = run(job, null);
            JsonNode report = RunFixtures.json(first.reportFile());
            assertThat(report.at("/destinations/0/status").asString()).isEqualTo("DONE");
            assertThat(destinations.unknownDeliveryDestination(
                            report.at("/destinations/0/name").asString()))
                    .as("named where event deliveries are listed: why it has none")
                    .hasValueSatisfying(problem -> assertThat(problem)
                            .contains("is a voucherify destination: it creates static segments and has no event"
                                    + " deliveries"));
            assertThat(Files.readString(first.runFolder().resolve("report.html")))
                    .as("report.html's destinations")
                    .contains("<h2>Destinations</h2>", "<span class=\"status DONE\">DONE</span>");
            Map<String, String> created = PushFixtures.remoteIds(report);
            Map<String, java.util.List<String>> members = PushFixtures.members(first.runFolder(), report);
            assertThat(created)
                    .hasSize(members.size())
                    .doesNotContainValue(null)
                    .containsKeys("Warsaw (1/3)", "Warsaw (2/3)", "Warsaw (3/3)");
            for (Map.Entry<String, String> part : created.entrySet()) {
                JsonNode remoteSegment = ServeFixtures.call(remotePort, "GET", "/v1/segments/" + part.getValue(), null)
                        .body();
                assertThat(remoteSegment.get("name").asString()).isEqualTo(part.getKey());
                assertThat(remoteSegment.get("type").asString()).isEqualTo("static");
                assertThat(PushFixtures.remoteMembers(remotePort, part.getValue()))
                        .containsExactlyInAnyOrderElementsOf(members.get(part.getKey()));
            }
            assertThat(proxy.count("POST")).isEqualTo(created.size());

            RunOutcome same = run(job, null);
            JsonNode sameReport = RunFixtures.json(same.reportFile());
            assertThat(PushFixtures.remoteIds(sameReport))
                    .as("unchanged: the same remote segments")
                    .isEqualTo(created);
            assertThat(sameReport
                            .at("/destinations/0/segments/0/static_segments/0/status")
                            .asString())
                    .isEqualTo("KEPT");
            assertThat(proxy.count("POST")).as("no call for unchanged segments").isEqualTo(created.size());
            assertThat(proxy.count("DELETE")).isZero();

            // Henryk leaves Warsaw and Dawid comes: only Warsaw's second part (cust_e, cust_h -> cust_d, cust_e)
            // changes
            RunOutcome moved = run(
                    job,
                    PushFixtures.input(
                                    FOLDER,
                                    name + "-3.csv",
                                    "henryk@example.com,Warsaw",
                                    "henryk@example.com,Kraków",
                                    "dawid@example.com,Gdańsk",
                                    "dawid@example.com,Warsaw")
                            .toString());
            Map<String, String> after = PushFixtures.remoteIds(RunFixtures.json(moved.reportFile()));
            assertThat(after.get("Warsaw (1/3)")).isEqualTo(created.get("Warsaw (1/3)"));
            assertThat(after.get("Warsaw (3/3)")).isEqualTo(created.get("Warsaw (3/3)"));
            assertThat(after.get("Warsaw (2/3)")).isNotEqualTo(created.get("Warsaw (2/3)"));
            assertThat(proxy.count("POST")).isEqualTo(created.size() + 1);
            assertThat(ServeFixtures.call(remotePort, "GET", "/v1/segments/" + created.get("Warsaw (2/3)"), null)
                            .status())
                    .as("the replaced segment is deleted")
                    .isEqualTo(404);
            assertThat(proxy.count("DELETE")).isEqualTo(1);
            assertThat(RunFixtures.json(moved.reportFile())
                            .at("/destinations/0/deleted")
                            .toString())
                    .contains(created.get("Warsaw (2/3)"));
            assertThat(PushFixtures.remoteMembers(remotePort, after.get("Warsaw (2/3)")))
                    .containsExactlyInAnyOrder("cust_d", "cust_e");
        }
    }

    @Test
    void throughRateLimitsErrorsSlowAnswersAndResetsEverySegmentIsCreatedOnceAndEveryReplacedOneDeleted()
            throws Exception {
        try (FaultyProxy proxy = new FaultyProxy("http://127.0.0.1:" + remotePort)) {
            String name = RunFixtures.uniqueJobName("faults");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + "-1.csv"),
                    FOLDER,
                    PushFixtures.voucherify(proxy.url(), RETRY + ", \"concurrency\": 3"));
            Set<String> before = PushFixtures.remoteStaticSegments(remotePort).keySet();
            proxy.plan(
                    "POST",
                    FaultyProxy.Fault.RATE_LIMIT,
                    FaultyProxy.Fault.ERROR,
                    FaultyProxy.Fault.SLOW,
                    FaultyProxy.Fault.RESET,
                    FaultyProxy.Fault.RESET_AFTER,
                    FaultyProxy.Fault.ERROR_AFTER);
            proxy.plan("GET", FaultyProxy.Fault.RATE_LIMIT, FaultyProxy.Fault.RESET);
            RunOutcome first = run(job, null);
            JsonNode firstReport = RunFixtures.json(first.reportFile());
            assertThat(firstReport.at("/destinations/0/status").asString())
                    .as(firstReport.toString())
                    .isEqualTo("DONE");

            proxy.plan("POST", FaultyProxy.Fault.SLOW, FaultyProxy.Fault.RESET_AFTER, FaultyProxy.Fault.RATE_LIMIT);
            proxy.plan("DELETE", FaultyProxy.Fault.ERROR, FaultyProxy.Fault.RESET_AFTER, FaultyProxy.Fault.RATE_LIMIT);
            RunOutcome second = run(
                    job,
                    PushFixtures.input(FOLDER, name + "-2.csv", "Warsaw", "Gdańsk")
                            .toString());
            JsonNode secondReport = RunFixtures.json(second.reportFile());
            assertThat(secondReport.at("/destinations/0/status").asString())
                    .as(secondReport.toString())
                    .isEqualTo("DONE");

            Map<String, String> current = PushFixtures.remoteIds(secondReport);
            Map<String, String> remoteNow = new java.util.HashMap<>(PushFixtures.remoteStaticSegments(remotePort));
            remoteNow.keySet().removeAll(before);
            assertThat(remoteNow.keySet())
                    .as("exactly the current segments, once each: no duplicate, no orphan")
                    .containsExactlyInAnyOrderElementsOf(current.values());
            assertThat(new HashSet<>(remoteNow.values())).hasSize(remoteNow.size());
            Map<String, java.util.List<String>> members = PushFixtures.members(second.runFolder(), secondReport);
            current.forEach((partName, id) -> assertThat(PushFixtures.remoteMembers(remotePort, id))
                    .containsExactlyInAnyOrderElementsOf(members.get(partName)));
            for (String replaced : PushFixtures.remoteIds(firstReport).values()) {
                if (!current.containsValue(replaced)) {
                    assertThat(ServeFixtures.call(remotePort, "GET", "/v1/segments/" + replaced, null)
                                    .status())
                            .isEqualTo(404);
                }
            }
            assertThat(proxy.log)
                    .as("every planned fault happened")
                    .anyMatch(l -> l.endsWith("RESET_AFTER"))
                    .anyMatch(l -> l.startsWith("DELETE") && l.endsWith("ERROR"))
                    .anyMatch(l -> l.endsWith("SLOW"));
        }
    }

    @Test
    void aRejectedSegmentFailsWithoutRetriesLeavesTheRunCommittedAndPushRetriesIt() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy("http://127.0.0.1:" + remotePort)) {
            String name = RunFixtures.uniqueJobName("rejected");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + "-1.csv"),
                    FOLDER,
                    PushFixtures.voucherify(proxy.url(), RETRY + ", \"concurrency\": 1, \"segments\": [\"Warsaw\"]"));
            proxy.plan("POST", FaultyProxy.Fault.REJECT);
            RunOutcome outcome = run(job, null);
            assertThat(outcome.status()).isEqualTo("COMPLETED");
            JsonNode report = RunFixtures.json(outcome.reportFile());
            assertThat(report.at("/destinations/0/status").asString()).isEqualTo("FAILED");
            assertThat(report.at("/destinations/0/segments/0/status").asString())
                    .isEqualTo("FAILED");
            assertThat(report.at("/destinations/0/segments/0/error").asString()).contains("HTTP 400");
            assertThat(proxy.count("POST")).as("a 400 is not retried").isEqualTo(3);

            pushedAgainCreatesAllThree(outcome);
            assertThat(proxy.count("POST"))
                    .as("only the failed one again (after a lookup by name)")
                    .isEqualTo(4);
        }
    }

    /**
     * A segment that gave up after every try against a failing service is enough: the push tries no other segment,
     * and the next push creates them all (before, every segment spent every try, one after the other).
     */
    @Test
    void onceASegmentGaveUpOnAFailingServiceThePushTriesNoOtherAndTheNextPushCreatesThemAll() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy("http://127.0.0.1:" + remotePort)) {
            String name = RunFixtures.uniqueJobName("down");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + "-1.csv"),
                    FOLDER,
                    PushFixtures.voucherify(proxy.url(), RETRY + ", \"concurrency\": 1, \"segments\": [\"Warsaw\"]"));
            FaultyProxy.Fault[] down = new FaultyProxy.Fault[8];
            java.util.Arrays.fill(down, FaultyProxy.Fault.ERROR);
            proxy.plan("POST", down);
            RunOutcome outcome = run(job, null);
            assertThat(outcome.status()).isEqualTo("COMPLETED");
            JsonNode report = RunFixtures.json(outcome.reportFile());
            assertThat(report.at("/destinations/0/status").asString()).isEqualTo("FAILED");
            assertThat(proxy.count("POST"))
                    .as("the first segment's 8 tries, none for the others")
                    .isEqualTo(8);
            List<String> errors = new ArrayList<>();
            report.at("/destinations/0/segments/0/static_segments")
                    .forEach(part -> errors.add(part.get("error").asString()));
            assertThat(errors).hasSize(3);
            assertThat(errors.get(0)).startsWith("gave up after 8 tries");
            assertThat(errors.subList(1, 3))
                    .allSatisfy(error -> assertThat(error)
                            .startsWith("not tried: 'Warsaw (1/3)' gave up after 8 tries (last: ")
                            .endsWith("so this push tries no other segment; push " + outcome.runId()
                                    + " tries them again"));

            pushedAgainCreatesAllThree(outcome);
        }
    }

    /** {@code segment-batch push} of the run: exit 0, the destination DONE, its three static segments created. */
    private static void pushedAgainCreatesAllThree(RunOutcome outcome) {
        int exit = Cli.execute(
                "push",
                outcome.runId(),
                "--spring.datasource.url=jdbc:h2:mem:segment-batch-test;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                "--spring.datasource.password=");
        assertThat(exit).isEqualTo(Cli.COMPLETED);
        JsonNode pushed = RunFixtures.json(outcome.reportFile());
        assertThat(pushed.at("/destinations/0/status").asString()).isEqualTo("DONE");
        assertThat(PushFixtures.remoteIds(pushed)).hasSize(3).doesNotContainValue(null);
    }

    @Test
    void aCreateWhoseLastTryWasLostIsFoundAndDeletedByTheNextRun() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy("http://127.0.0.1:" + remotePort)) {
            String name = RunFixtures.uniqueJobName("lost-last");
            Path job = PushFixtures.job(
                    name,
                    PushFixtures.input(FOLDER, name + "-1.csv"),
                    FOLDER,
                    PushFixtures.voucherify(
                            proxy.url(),
                            "\"timeout\": \"PT1S\", \"requests_per_minute\": 6000, \"concurrency\": 1,"
                                    + " \"segments\": [\"Warsaw\"], \"retry\": {\"max_tries\": 2,"
                                    + " \"first_delay\": \"PT0.05S\", \"max_delay\": \"PT0.05S\"}"));
            Set<String> before = PushFixtures.remoteStaticSegments(remotePort).keySet();
            // the first part: a 500 that created nothing, then (after a lookup) a 500 that did create it
            proxy.plan("POST", FaultyProxy.Fault.ERROR, FaultyProxy.Fault.ERROR_AFTER);
            RunOutcome first = run(job, null);
            JsonNode firstReport = RunFixtures.json(first.reportFile());
            assertThat(firstReport.at("/destinations/0/status").asString()).isEqualTo("FAILED");
            assertThat(firstReport.at("/destinations/0/segments/0/error").asString())
                    .contains("gave up after 2 tries");

            RunOutcome second = run(job, null);
            JsonNode secondReport = RunFixtures.json(second.reportFile());
            assertThat(secondReport.at("/destinations/0/status").asString())
                    .as(secondReport.toString())
                    .isEqualTo("DONE");
            Map<String, String> remoteNow = new java.util.HashMap<>(PushFixtures.remoteStaticSegments(remotePort));
            remoteNow.keySet().removeAll(before);
            assertThat(remoteNow.keySet())
                    .as("the segment the lost try created is found by name and deleted: no orphan")
                    .containsExactlyInAnyOrderElementsOf(
                            PushFixtures.remoteIds(secondReport).values());
        }
    }

    private RunOutcome run(Path job, String input) {
        return launcher.run(new RunRequest(
                new JobDefinitionLoader().load(job), input, FOLDER.resolve("out"), AS_OF, Trigger.MANUAL));
    }
}
