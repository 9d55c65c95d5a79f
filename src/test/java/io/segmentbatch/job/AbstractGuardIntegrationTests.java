package io.segmentbatch.job;

import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.SegmentCatalog;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Guards hold a run that looks like it read a broken export; approve and discard decide; subclasses pick the database. */
abstract class AbstractGuardIntegrationTests {
    static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    static final List<String> WARSAW_BEFORE = List.of("cust_a", "cust_c", "cust_e", "cust_h", "src_f");

    @Autowired
    RunLauncher launcher;

    @Autowired
    HeldRuns held;

    @Autowired
    Memberships memberships;

    @Autowired
    SegmentCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path folder;

    @Test
    void aHeaderOnlyExportIsHeldWithItsGuardsAndChangesNothingThenDiscardDropsIt() throws IOException {
        String name = RunFixtures.uniqueJobName("empty");
        Path job = job(name, null);
        RunOutcome first = run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome empty = run(job, headerOnly());

        assertThat(empty.status()).isEqualTo("HELD");
        JsonNode report = RunFixtures.json(empty.reportFile());
        assertThat(report.at("/job/status").asString()).isEqualTo("HELD");
        assertThat(guards(report)).contains("min_customers", "max_customers_drop_ratio", "max_left_ratio");
        assertThat(report.at("/guards/0/message").asString()).contains("0 customers");
        assertThat(empty.runFolder().resolve("events.ndjson")).doesNotExist();
        assertThat(currentMembers(first, "Warsaw")).containsExactlyElementsOf(WARSAW_BEFORE);
        assertThat(status(first.runId())).isEqualTo("COMPLETED");

        RunOutcome discarded = held.discard(empty.runId());
        assertThat(discarded.status()).isEqualTo("DISCARDED");
        assertThat(status(empty.runId())).isEqualTo("DISCARDED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_event WHERE run_id = ?", Integer.class, empty.runId()))
                .isZero();
        assertThat(empty.runFolder().resolve(RunCommitter.HELD_EVENTS)).doesNotExist();
        assertThatThrownBy(() -> held.approve(empty.runId()))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessageContaining("DISCARDED, not HELD");
        assertThatThrownBy(() -> launcher.restart(empty.runId()))
                .as("approve and discard refuse a discarded run: the way on is a new run")
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage("run " + empty.runId() + " is DISCARDED: it was held, then discarded, and nothing of it"
                        + " became current; start a new run of job " + name + " instead");

        RunOutcome next = run(job, RunFixtures.copy("customers-2.csv", folder));
        assertThat(next.status()).isEqualTo("COMPLETED");
        AbstractChangeIntegrationTests.assertCounts(RunFixtures.json(next.reportFile()), "Warsaw", 2, 2, 4);
    }

    @Test
    void approveCommitsAHeldRunAsIfItHadCompletedWithItsEvents() throws IOException {
        Path job = job(RunFixtures.uniqueJobName("left"), null);
        RunOutcome first = run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome shrunk = run(job, withoutWarsaw());

        assertThat(shrunk.status()).isEqualTo("HELD");
        JsonNode report = RunFixtures.json(shrunk.reportFile());
        assertThat(guards(report))
                .contains("max_left_ratio", "max_customers_drop_ratio")
                .doesNotContain("min_customers");
        JsonNode warsaw = report.get("guards")
                .valueStream()
                .filter(g -> "Warsaw".equals(g.path("segment").asString(null)))
                .findFirst()
                .orElseThrow();
        assertThat(warsaw.get("guard").asString()).isEqualTo("max_left_ratio");
        assertThat(warsaw.get("limit").asDouble()).isEqualTo(0.5);
        assertThat(warsaw.get("value").asDouble()).isEqualTo(1.0);
        assertThat(warsaw.get("message").asString()).contains("5 of the 5 current members of 'Warsaw'");
        assertThat(currentMembers(first, "Warsaw")).containsExactlyElementsOf(WARSAW_BEFORE);
        assertThatThrownBy(() -> launcher.restart(shrunk.runId()))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage("run " + shrunk.runId()
                        + " is HELD: it ran to the end and tripped a guard; approve or discard it instead");

        assertThat(Files.readString(shrunk.runFolder().resolve("report.html")))
                .contains("<h2>Held by its guards</h2>", "<code>segment-batch approve " + shrunk.runId() + "</code>");
        String heldEnded =
                RunFixtures.json(shrunk.reportFile()).at("/job/finished_at").asString();
        RunOutcome approved = held.approve(shrunk.runId());
        assertThat(approved.status()).isEqualTo("COMPLETED");
        assertThat(status(shrunk.runId())).isEqualTo("COMPLETED");
        JsonNode approvedReport = RunFixtures.json(shrunk.reportFile());
        assertThat(approvedReport.at("/job/status").asString()).isEqualTo("COMPLETED");
        assertThat(guards(approvedReport)).as("why it was held, kept").contains("max_left_ratio");
        assertThat(approvedReport.at("/job/finished_at").asString())
                .as("when the run ended, not when it was approved")
                .isEqualTo(heldEnded);
        assertThat(Files.readString(shrunk.runFolder().resolve("report.html")))
                .contains("<h2>Guards it tripped</h2>")
                .doesNotContain("segment-batch approve");
        assertThat(currentMembers(first, "Warsaw")).isEmpty();
        List<String> left = RunFixtures.lines(shrunk.runFolder().resolve("events.ndjson")).stream()
                .filter(line -> line.contains("customer.segment.left") && line.contains("\"name\":\"Warsaw\""))
                .toList();
        assertThat(left).hasSize(5);

        RunOutcome back = run(job, RunFixtures.copy("customers-1.csv", folder));
        assertThat(back.status()).as("everyone comes back: nobody leaves").isEqualTo("COMPLETED");
        AbstractChangeIntegrationTests.assertCounts(RunFixtures.json(back.reportFile()), "Warsaw", 5, 0, 5);
    }

    /** A discarded run's static segment files name the job's live segments: they go with it. */
    @Test
    void discardingAHeldRunDeletesItsStaticSegmentFiles() throws IOException {
        Path job = job(RunFixtures.uniqueJobName("files"), null);
        run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome shrunk = run(job, withoutWarsaw());
        assertThat(shrunk.status()).isEqualTo("HELD");
        try (var files = Files.list(shrunk.runFolder().resolve(ReportFiles.SEGMENTS))) {
            assertThat(files.count())
                    .as("a held run's files are written, for the operator to look at")
                    .isPositive();
        }

        held.discard(shrunk.runId());

        assertDiscardedEverywhere(shrunk);
        assertThat(shrunk.runFolder().resolve(ReportFiles.REPORT))
                .as("its report stays, saying DISCARDED")
                .exists();
    }

    @Test
    void aHeldRunCannotBeApprovedOnceALaterRunCompleted() throws IOException {
        Path job = job(RunFixtures.uniqueJobName("late"), null);
        run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome heldRun = run(job, headerOnly());
        RunOutcome later = run(job, RunFixtures.copy("customers-2.csv", folder));

        assertThat(heldRun.status()).isEqualTo("HELD");
        assertThat(later.status()).isEqualTo("COMPLETED");
        assertThat(status(heldRun.runId())).as("superseded by a completed run").isEqualTo("DISCARDED");
        assertDiscardedEverywhere(heldRun);
        assertThatThrownBy(() -> held.approve(heldRun.runId())).isInstanceOf(InvalidRunRequestException.class);
    }

    @Test
    void approvingAHeldRunDiscardsTheJobsOtherHeldRunsComparedWithTheSameBaseline() throws IOException {
        Path job = job(RunFixtures.uniqueJobName("twoheld"), null);
        RunOutcome first = run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome empty = run(job, headerOnly());
        RunOutcome shrunk = run(job, withoutWarsaw());
        RunOutcome emptyAgain = run(job, headerOnly());
        assertThat(List.of(empty.status(), shrunk.status(), emptyAgain.status()))
                .containsOnly("HELD");

        held.approve(shrunk.runId());

        assertThat(status(shrunk.runId())).isEqualTo("COMPLETED");
        assertThat(currentMembers(first, "Warsaw")).isEmpty();
        for (RunOutcome other : List.of(empty, emptyAgain)) {
            assertThat(status(other.runId()))
                    .as("compared with the baseline just replaced")
                    .isEqualTo("DISCARDED");
            assertDiscardedEverywhere(other);
            assertThatThrownBy(() -> held.approve(other.runId()))
                    .isInstanceOf(InvalidRunRequestException.class)
                    .hasMessageContaining("DISCARDED, not HELD");
        }
    }

    /**
     * An approve and a discard of the same held run at once, as two operators' clicks: exactly one settles it, the
     * other is refused (the job is busy settling it, or the run is no longer HELD), and the run is entirely what the
     * winner made of it. Before, both could pass the HELD check: events sent twice, or a discard dropping a run that
     * had just been committed.
     */
    @Test
    void anApproveAndADiscardAtOnceSettleAHeldRunOnce() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            Path job = job(RunFixtures.uniqueJobName("race"), null);
            run(job, RunFixtures.copy("customers-1.csv", folder));
            RunOutcome shrunk = run(job, withoutWarsaw());
            assertThat(shrunk.status()).isEqualTo("HELD");

            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService operators = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var approve = operators.submit(() -> {
                    together.await();
                    return held.approve(shrunk.runId());
                });
                var discard = operators.submit(() -> {
                    together.await();
                    return held.discard(shrunk.runId());
                });
                List<Object> results = new java.util.ArrayList<>();
                for (var settlement : List.of(approve, discard)) {
                    try {
                        results.add(settlement.get(30, java.util.concurrent.TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        results.add(e.getCause());
                    }
                }
                List<RunOutcome> settled = results.stream()
                        .filter(RunOutcome.class::isInstance)
                        .map(RunOutcome.class::cast)
                        .toList();
                assertThat(settled).as("exactly one settles it: %s", results).hasSize(1);
                assertThat(results)
                        .filteredOn(Throwable.class::isInstance)
                        .singleElement()
                        .isInstanceOfAny(JobBusyException.class, InvalidRunRequestException.class)
                        .satisfies(refused -> assertThat(((Throwable) refused).getMessage())
                                .as("refused for what goes on in this process, not 'in another process'")
                                .containsAnyOf("is being approved or discarded", "not HELD"));
                String outcome = settled.get(0).status();
                assertThat(status(shrunk.runId())).isEqualTo(outcome);
                if (outcome.equals("COMPLETED")) {
                    List<String> events = jdbc.queryForList(
                            "SELECT type || ' ' || segment_id || ' ' || customer_key FROM sb_event WHERE run_id = ?",
                            String.class,
                            shrunk.runId());
                    assertThat(events).as("its events, once each").doesNotHaveDuplicates();
                    assertThat(events)
                            .filteredOn(event -> event.contains("left"))
                            .hasSizeGreaterThanOrEqualTo(5);
                    assertThat(RunFixtures.lines(shrunk.runFolder().resolve("events.ndjson")))
                            .hasSameSizeAs(events);
                } else {
                    assertThat(outcome).isEqualTo("DISCARDED");
                    assertDiscardedEverywhere(shrunk);
                }
            } finally {
                operators.shutdownNow();
            }
        }
    }

    /**
     * A run that failed, then a later run that was held: the failed run's restart is refused while the held run waits
     * (approved after it, the held run would send again the changes since the baseline the restart replaces), and
     * restarts once the held run is discarded. Before, the held run's end dropped the failed run's customers, and the
     * restart failed on a missing table.
     */
    @Test
    void aFailedRunRestartsOnceTheHeldRunAfterItIsDiscarded() throws IOException {
        String name = RunFixtures.uniqueJobName("between");
        Path job = job(name, null);
        run(job, RunFixtures.copy("customers-1.csv", folder));
        // the job's output folder is blocked by a file: the run stores its customers, then fails to publish
        Path jobOutput = folder.resolve("out").resolve(name);
        Files.move(jobOutput, folder.resolve("moved-away-" + name));
        Files.writeString(jobOutput, "in the way");
        RunOutcome failed = run(job, RunFixtures.copy("customers-2.csv", folder));
        assertThat(failed.status()).isEqualTo("FAILED");
        Files.delete(jobOutput);
        RunOutcome heldRun = run(job, headerOnly());
        assertThat(heldRun.status()).isEqualTo("HELD");

        assertThatThrownBy(() -> launcher.restart(failed.runId()))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage("a later run of job " + name + ", " + heldRun.runId() + ", is held; discard it first to"
                        + " restart " + failed.runId() + " (segment-batch discard " + heldRun.runId() + "), or approve"
                        + " it and start a new run instead");
        assertThat(status(failed.runId())).isEqualTo("FAILED");

        held.discard(heldRun.runId());
        RunOutcome restarted = launcher.restart(failed.runId());

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        AbstractChangeIntegrationTests.assertCounts(RunFixtures.json(restarted.reportFile()), "Warsaw", 2, 2, 4);
    }

    /** A discarded held run says so in its report (database and folder) and keeps no events. */
    private void assertDiscardedEverywhere(RunOutcome run) {
        assertThat(RunFixtures.json(run.reportFile()).at("/job/status").asString())
                .isEqualTo("DISCARDED");
        assertThat(jdbc.queryForObject("SELECT report_json FROM sb_run WHERE run_id = ?", String.class, run.runId()))
                .contains("\"DISCARDED\"")
                .doesNotContain("\"HELD\"");
        assertThat(run.runFolder().resolve(RunCommitter.HELD_EVENTS)).doesNotExist();
        assertThat(run.runFolder().resolve(ReportFiles.SEGMENTS)).doesNotExist();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sb_event WHERE run_id = ?", Integer.class, run.runId()))
                .isZero();
    }

    @Test
    void guardsSetToNullLetAHeaderOnlyExportComplete() throws IOException {
        Path job = job(
                RunFixtures.uniqueJobName("off"),
                JsonMapper.builder()
                        .build()
                        .readTree(
                                "{\"min_customers\": null, \"max_customers_drop_ratio\": null, \"max_left_ratio\": null}"));
        run(job, RunFixtures.copy("customers-1.csv", folder));
        RunOutcome empty = run(job, headerOnly());

        assertThat(empty.status()).isEqualTo("COMPLETED");
        AbstractChangeIntegrationTests.assertCounts(RunFixtures.json(empty.reportFile()), "Warsaw", 0, 5, 5);
    }

    @Test
    void aPreviewShowsWhatARunWouldDoAndCommitsNothing() throws IOException {
        Path job = job(RunFixtures.uniqueJobName("preview"), null);
        RunOutcome first = run(job, RunFixtures.copy("customers-1.csv", folder));
        JobDefinition definition = new JobDefinitionLoader().load(job);
        RunOutcome preview = launcher.run(new RunRequest(
                definition,
                RunFixtures.copy("customers-2.csv", folder).toString(),
                folder.resolve("out"),
                AS_OF,
                io.segmentbatch.store.Trigger.PREVIEW));

        assertThat(preview.status()).isEqualTo("PREVIEW");
        JsonNode report = RunFixtures.json(preview.reportFile());
        assertThat(report.at("/job/status").asString()).isEqualTo("PREVIEW");
        AbstractChangeIntegrationTests.assertCounts(report, "Warsaw", 2, 2, 4);
        assertThat(report.get("preview")
                        .valueStream()
                        .filter(change -> change.get("segment").asString().equals("Warsaw"))
                        .map(change -> change.get("static_segment").asString() + " "
                                + change.get("change").asString())
                        .toList())
                .containsExactly("Warsaw (1/3) CHANGED", "Warsaw (2/3) CHANGED", "Warsaw (3/3) UNCHANGED");
        assertThat(preview.runFolder().resolve("events.ndjson")).doesNotExist();
        assertThatThrownBy(() -> launcher.restart(preview.runId()))
                .as("Spring Batch's own words were 'A job instance already exists and is complete'")
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage("run " + preview.runId() + " is a preview: it ran to the end and changed nothing; start a"
                        + " run of job " + definition.name() + " instead");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM sb_event WHERE run_id = ?", Integer.class, preview.runId()))
                .isZero();
        assertThat(currentMembers(first, "Warsaw"))
                .as("nothing became current")
                .containsExactlyElementsOf(WARSAW_BEFORE);

        RunOutcome real = run(job, RunFixtures.copy("customers-2.csv", folder));
        assertThat(real.status()).isEqualTo("COMPLETED");
        AbstractChangeIntegrationTests.assertCounts(RunFixtures.json(real.reportFile()), "Warsaw", 2, 2, 4);
    }

    RunOutcome run(Path jobFile, Path input) {
        JobDefinition definition = new JobDefinitionLoader().load(jobFile);
        return launcher.run(new RunRequest(definition, input.toString(), folder.resolve("out"), AS_OF, Trigger.MANUAL));
    }

    /** The segments job, with {@code guards} set as given (null: the key left out, so the defaults hold). */
    Path job(String name, JsonNode guards) throws IOException {
        Path template = RunFixtures.job("job-segments.json", name, folder.resolve("x.csv"), folder);
        ObjectNode root = (ObjectNode) RunFixtures.json(template);
        if (guards != null) {
            root.set("guards", guards);
        }
        Files.writeString(template, root.toString());
        return template;
    }

    private Path headerOnly() throws IOException {
        Path file = folder.resolve("header-only.csv");
        Files.writeString(
                file,
                RunFixtures.lines(RunFixtures.copy("customers-1.csv", folder)).get(0) + "\n");
        return file;
    }

    private Path withoutWarsaw() throws IOException {
        Path file = folder.resolve("without-warsaw.csv");
        List<String> lines = RunFixtures.lines(RunFixtures.copy("customers-1.csv", folder)).stream()
                .filter(line -> !line.toLowerCase().contains(",warsaw,"))
                .toList();
        Files.write(file, lines);
        return file;
    }

    private List<String> currentMembers(RunOutcome run, String segment) {
        String id = AbstractRunIntegrationTests.segmentEntry(RunFixtures.json(run.reportFile()), segment)
                .at("/segment/id")
                .asString();
        return memberships.members(catalog.find(id).orElseThrow(), 100, 0).members().stream()
                .map(member -> member.id() != null ? member.id() : member.sourceId())
                .toList();
    }

    private String status(String runId) {
        return jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, runId);
    }

    private static List<String> guards(JsonNode report) {
        return report.get("guards")
                .valueStream()
                .map(g -> g.get("guard").asString())
                .toList();
    }
}
