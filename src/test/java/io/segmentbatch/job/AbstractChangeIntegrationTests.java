package io.segmentbatch.job;

import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Membership changes across runs and the events they emit; subclasses pick the database. */
abstract class AbstractChangeIntegrationTests {
    static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");

    @Autowired
    RunLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path folder;

    RunOutcome run(Path jobFile, Path input) {
        JobDefinition definition = new JobDefinitionLoader().load(jobFile);
        return launcher.run(new RunRequest(definition, input.toString(), folder.resolve("out"), AS_OF, Trigger.MANUAL));
    }

    @Test
    void aSecondRunEmitsExactlyWhoEnteredAndWhoLeftEachAutoUpdateSegment() {
        Path job = RunFixtures.job(
                "job-segments.json", RunFixtures.uniqueJobName("changes"), folder.resolve("x.csv"), folder);
        run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome second = run(job, RunFixtures.copy("customers-2.csv", folder));

        assertThat(second.status()).isEqualTo("COMPLETED");
        Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                "Warsaw entered", Set.of("cust_b", "cust_i"),
                "Warsaw left", Set.of("cust_a", "cust_c"),
                "VIP entered", Set.of("cust_b", "cust_i"),
                "VIP left", Set.of("cust_e")));
        assertThat(eventsInFile(second)).isEqualTo(expected);
        assertThat(eventsInTable(second.runId())).isEqualTo(expected);

        JsonNode report = RunFixtures.json(second.reportFile());
        assertCounts(report, "Warsaw", 2, 2, 4);
        assertCounts(report, "VIP", 2, 1, 3);
        assertCounts(report, "Big spenders", 1, 1, 0);
    }

    @Test
    void eventsCarryTheCustomerAndSegmentInTheSpecShape() {
        Path job = RunFixtures.job(
                "job-segments.json", RunFixtures.uniqueJobName("shape"), folder.resolve("x.csv"), folder);
        run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome second = run(job, RunFixtures.copy("customers-2.csv", folder));

        JsonNode left = events(second).stream()
                .filter(e -> e.at("/data/customer/id").asString().equals("cust_c"))
                .findFirst()
                .orElseThrow();
        assertThat(left.propertyNames()).containsExactly("id", "type", "created_at", "group_id", "data");
        assertThat(left.get("id").asString()).matches("evcus_[A-Za-z0-9]{24}");
        assertThat(left.get("type").asString()).isEqualTo("customer.segment.left");
        assertThat(left.get("group_id").asString()).isEqualTo(second.runId());
        assertThat(left.at("/data/customer").propertyNames())
                .containsExactly("id", "source_id", "name", "email", "object");
        // cust_c is no longer in the export: the event still says who they were
        assertThat(left.at("/data/customer/name").asString()).isEqualTo("Celina Wiśniewska");
        assertThat(left.at("/data/customer/email").asString()).isEqualTo("celina@example.com");
        assertThat(left.at("/data/customer/object").asString()).isEqualTo("customer");
        assertThat(left.at("/data/segment").propertyNames()).containsExactly("id", "name", "object");
        assertThat(left.at("/data/segment/name").asString()).isEqualTo("Warsaw");
    }

    @Test
    void aFirstRunAnnouncesEveryMemberUnlessInitialEventsIsNone() {
        Path entered = RunFixtures.job(
                "job-segments.json", RunFixtures.uniqueJobName("first"), folder.resolve("x.csv"), folder);
        RunOutcome announced = run(entered, RunFixtures.copy("customers-1.csv", folder));
        assertThat(eventsInFile(announced))
                .isEqualTo(Map.of(
                        "Warsaw entered", Set.of("cust_a", "cust_c", "cust_e", "cust_h", "src_f"),
                        "VIP entered", Set.of("cust_a", "cust_d", "cust_e", "cust_h")));

        Path none = JobFile.of("job-segments.json")
                .name(RunFixtures.uniqueJobName("none"))
                .input(folder.resolve("x.csv"))
                .set("initial_events", "none")
                .writeTo(folder);
        RunOutcome silent = run(none, RunFixtures.copy("customers-1.csv", folder));
        assertThat(RunFixtures.lines(silent.runFolder().resolve("events.ndjson")))
                .isEmpty();
        assertThat(eventsInTable(silent.runId())).isEmpty();
        assertCounts(RunFixtures.json(silent.reportFile()), "Warsaw", 5, 0, 0);
        // the baseline is set: the next run announces only changes
        RunOutcome next = run(none, RunFixtures.copy("customers-2.csv", folder));
        assertThat(eventsInFile(next).get("Warsaw entered")).containsExactlyInAnyOrder("cust_b", "cust_i");
    }

    @Test
    void aFailedRunChangesNothingTheNextRunComparesAgainst() {
        Path job = JobFile.of("job-segments.json")
                .name(RunFixtures.uniqueJobName("failed"))
                .input(folder.resolve("x.csv"))
                .set("skip_limit", 2)
                .writeTo(folder);
        run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome failed = run(job, RunFixtures.copy("customers-bad.csv", folder));
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(eventsInTable(failed.runId())).isEmpty();

        RunOutcome third = run(job, RunFixtures.copy("customers-2.csv", folder));
        assertThat(third.status()).isEqualTo("COMPLETED");
        assertThat(eventsInFile(third))
                .isEqualTo(Map.of(
                        "Warsaw entered", Set.of("cust_b", "cust_i"),
                        "Warsaw left", Set.of("cust_a", "cust_c"),
                        "VIP entered", Set.of("cust_b", "cust_i"),
                        "VIP left", Set.of("cust_e")));
    }

    @Test
    void aRunRestartedAfterAFailureEmitsEachEventExactlyOnce() throws Exception {
        String jobName = RunFixtures.uniqueJobName("restart");
        Path job = RunFixtures.job("job-segments.json", jobName, folder.resolve("x.csv"), folder);
        Path output = folder.resolve("out");
        run(job, RunFixtures.copy("customers-1.csv", folder));
        // the job's output folder is blocked by a file: the run stores its members, then fails to publish
        java.nio.file.Files.move(output.resolve(jobName), folder.resolve("moved-away"));
        java.nio.file.Files.writeString(output.resolve(jobName), "in the way");
        RunOutcome failed = run(job, RunFixtures.copy("customers-2.csv", folder));
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(eventsInTable(failed.runId())).isEmpty();

        java.nio.file.Files.delete(output.resolve(jobName));
        RunOutcome restarted = launcher.restart(failed.runId());

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.runId()).isEqualTo(failed.runId());
        Map<String, Set<String>> expected = Map.of(
                "Warsaw entered", Set.of("cust_b", "cust_i"),
                "Warsaw left", Set.of("cust_a", "cust_c"),
                "VIP entered", Set.of("cust_b", "cust_i"),
                "VIP left", Set.of("cust_e"));
        assertThat(eventsInFile(restarted)).isEqualTo(expected);
        assertThat(eventsInTable(restarted.runId())).isEqualTo(expected);
        assertThat(RunFixtures.lines(restarted.runFolder().resolve("events.ndjson")))
                .hasSize(7);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM sb_event WHERE run_id = ?", Integer.class, restarted.runId()))
                .isEqualTo(7);
    }

    List<JsonNode> events(RunOutcome outcome) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : RunFixtures.lines(outcome.runFolder().resolve("events.ndjson"))) {
            events.add(JsonMapper.builder().build().readTree(line));
        }
        return events;
    }

    Map<String, Set<String>> eventsInFile(RunOutcome outcome) {
        Map<String, Set<String>> byKind = new TreeMap<>();
        for (JsonNode event : events(outcome)) {
            String customer = event.at("/data/customer/id").isNull()
                    ? event.at("/data/customer/source_id").asString()
                    : event.at("/data/customer/id").asString();
            byKind.computeIfAbsent(
                            kind(
                                    event.at("/data/segment/name").asString(),
                                    event.get("type").asString()),
                            k -> new TreeSet<>())
                    .add(customer);
        }
        return byKind;
    }

    Map<String, Set<String>> eventsInTable(String runId) {
        Map<String, Set<String>> byKind = new TreeMap<>();
        jdbc.query(
                "SELECT s.name, e.type, e.customer_key FROM sb_event e JOIN sb_segment s ON s.id = e.segment_id"
                        + " WHERE e.run_id = ? ORDER BY e.seq",
                rs -> {
                    byKind.computeIfAbsent(kind(rs.getString(1), rs.getString(2)), k -> new TreeSet<>())
                            .add(rs.getString(3));
                },
                runId);
        return byKind;
    }

    private static String kind(String segment, String type) {
        return segment + (type.endsWith("entered") ? " entered" : " left");
    }

    static void assertCounts(JsonNode report, String segment, long entered, long left, long events) {
        JsonNode entry = AbstractRunIntegrationTests.segmentEntry(report, segment);
        assertThat(List.of(
                        entry.get("entered").asLong(),
                        entry.get("left").asLong(),
                        entry.get("events_emitted").asLong()))
                .as(segment + " entered, left, events_emitted")
                .containsExactly(entered, left, events);
    }
}
