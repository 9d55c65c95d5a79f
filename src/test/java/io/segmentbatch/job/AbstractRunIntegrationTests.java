package io.segmentbatch.job;

import io.segmentbatch.segment.SegmentType;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One job run end to end on a real database; subclasses pick the database. */
abstract class AbstractRunIntegrationTests {
    static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");
    static final List<String> SEGMENT_FIELDS =
            List.of("id", "name", "created_at", "type", "filter", "initial_sync_status", "object");

    @Autowired
    RunLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.segmentbatch.store.Memberships memberships;

    @Autowired
    io.segmentbatch.store.SegmentCatalog catalog;

    @Autowired
    RunQueries queries;

    @TempDir
    Path folder;

    RunOutcome run(Path jobFile, String input) {
        JobDefinition definition = new JobDefinitionLoader().load(jobFile);
        return launcher.run(new RunRequest(definition, input, folder.resolve("out"), AS_OF, Trigger.MANUAL));
    }

    @Test
    void theCatalogListsTheStaticSegmentsTheLatestRunCutAndNoneOfAnEarlierRunsSurplus() throws java.io.IOException {
        String jobName = RunFixtures.uniqueJobName("surplus");
        Path job = RunFixtures.job("job-segments.json", jobName, RunFixtures.copy("customers-1.csv", folder), folder);
        JsonNode first = RunFixtures.json(run(job, null).reportFile());
        List<String> firstParts = new ArrayList<>();
        segmentEntry(first, "Warsaw")
                .get("static_segments")
                .forEach(part -> firstParts.add(part.at("/segment/id").asString()));
        assertThat(firstParts).hasSize(3);

        // without its last Warsaw row (Henryk), the export has 4 members of Warsaw: 2 static segments of 2
        List<String> fewer = RunFixtures.lines(RunFixtures.copy("customers-1.csv", folder)).stream()
                .filter(line -> !line.startsWith("cust_h,"))
                .toList();
        Path smaller = folder.resolve("fewer-in-warsaw.csv");
        java.nio.file.Files.write(smaller, fewer);
        JsonNode second = RunFixtures.json(run(job, smaller.toString()).reportFile());

        List<String> secondParts = new ArrayList<>();
        segmentEntry(second, "Warsaw")
                .get("static_segments")
                .forEach(part -> secondParts.add(part.at("/segment/id").asString()));
        assertThat(secondParts).containsExactly(firstParts.get(0), firstParts.get(1));
        assertThat(catalog.find(firstParts.get(2)))
                .as("cut by the first run only")
                .isEmpty();
        List<String> listed = catalog.list(false, 100_000, 0).stream()
                .map(io.segmentbatch.segment.StoredSegment::id)
                .toList();
        assertThat(listed).containsAll(secondParts).doesNotContain(firstParts.get(2));
        assertThat(catalog.count()).isEqualTo(listed.size());
        assertThat(catalog.find(secondParts.get(1)).orElseThrow().name()).isEqualTo("Warsaw (2/2)");
    }

    @Test
    void aSegmentNameOfFiveHundredEmojiNamesItsStaticSegmentsToo() {
        String jobName = RunFixtures.uniqueJobName("emoji");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        // 500 characters, the most a name may have, each two UTF-16 units; the parts add " (k/3)"
        String name = "\uD83D\uDE00".repeat(500);
        Path job = JobFile.of("job-segments.json")
                .name(jobName)
                .input(input)
                .setJson(
                        "segments",
                        "[{\"name\": \"" + name + "\", \"type\": \"auto-update\", \"filter\": {\"address.city\":"
                                + " {\"conditions\": {\"$is\": [\"Warsaw\"]}}}}]")
                .writeTo(folder);

        RunOutcome outcome = run(job, null);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        JsonNode chunks =
                segmentEntry(RunFixtures.json(outcome.reportFile()), name).get("static_segments");
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(2).at("/segment/name").asString()).isEqualTo(name + " (3/3)");
    }

    @Test
    void aRunIsRefusedWhenItsSegmentsAndTheApisForItPassTheCatalogsLimit() throws java.io.IOException {
        String jobName = RunFixtures.uniqueJobName("apilimit");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path job = folder.resolve(jobName + ".json");
        String segments = java.util.stream.IntStream.range(0, 99)
                .mapToObj(i -> "{\"name\": \"S" + i + "\", \"type\": \"passive\", \"filter\": "
                        + "{\"email\": {\"conditions\": {\"$has_value\": true}}}}")
                .collect(java.util.stream.Collectors.joining(","));
        java.nio.file.Files.writeString(
                job,
                "{\"name\": \"" + jobName + "\", \"input\": {\"path\": \""
                        + input.toString().replace("\\", "/") + "\"}, \"segments\": [" + segments + "]}");
        String filter = "{\"address.city\": {\"conditions\": {\"$is\": [\"Warsaw\"]}}}";
        // the database is shared with the other test classes, whose API limits count every API segment: removed after
        List<io.segmentbatch.segment.StoredSegment> api = new ArrayList<>();
        try {
            api.add(catalog.createFilter(
                    "API one " + jobName, SegmentType.PASSIVE, filter, jobName, java.time.Instant.now()));
            assertThat(run(job, null).status()).as("99 and 1").isEqualTo("COMPLETED");

            api.add(catalog.createFilter(
                    "API two " + jobName, SegmentType.PASSIVE, filter, jobName, java.time.Instant.now()));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(job, null))
                    .isInstanceOf(InvalidRunRequestException.class)
                    .hasMessageContaining(
                            "job " + jobName + " has 99 auto-update and passive segments and the API 2 more")
                    .hasMessageContaining("at most 100");
        } finally {
            api.forEach(segment -> catalog.remove(segment, java.time.Instant.now()));
        }
    }

    @Test
    void runWritesTheExactMembersOfEverySegmentCutIntoOrderedStaticSegments() {
        String jobName = RunFixtures.uniqueJobName("members");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        RunOutcome outcome = run(RunFixtures.job("job-segments.json", jobName, input, folder), null);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.at("/input/rows_read").asLong()).isEqualTo(8);
        assertThat(report.at("/input/customers").asLong()).isEqualTo(8);
        assertThat(report.at("/input/rows_rejected").asLong()).isZero();

        assertMembers(outcome, report, "Warsaw", List.of("cust_a", "cust_c", "cust_e", "cust_h", "src_f"));
        assertMembers(outcome, report, "Big spenders", List.of("cust_a", "cust_c", "cust_d", "cust_h", "src_f"));
        assertMembers(outcome, report, "VIP", List.of("cust_a", "cust_d", "cust_e", "cust_h"));

        JsonNode warsaw = segmentEntry(report, "Warsaw");
        List<String> chunkNames = new ArrayList<>();
        warsaw.get("static_segments")
                .forEach(chunk -> chunkNames.add(chunk.at("/segment/name").asString()));
        assertThat(chunkNames).containsExactly("Warsaw (1/3)", "Warsaw (2/3)", "Warsaw (3/3)");
        assertThat(warsaw.get("static_segments").get(0).get("customers_count").asInt())
                .isEqualTo(2);
        assertThat(warsaw.get("static_segments").get(2).get("customers_count").asInt())
                .isEqualTo(1);
        // src_f has no id: its row keeps the id column empty and the source_id
        Path lastPart = outcome.runFolder()
                .resolve(warsaw.get("static_segments").get(2).get("file").asString());
        assertThat(RunFixtures.lines(lastPart)).containsExactly("id,source_id", ",src_f");

        JsonNode beta = segmentEntry(report, "Beta");
        assertThat(beta.at("/segment/type").asString()).isEqualTo("static");
        assertThat(beta.get("customers_count").asInt()).isEqualTo(2);
        assertThat(RunFixtures.lines(
                        outcome.runFolder().resolve(beta.get("file").asString())))
                .containsExactly("id,source_id", "cust_b,src_b", "cust_x,");
        assertThat(currentMembers(beta.at("/segment/id").asString())).containsExactly("cust_b", "cust_x");
        assertThat(memberships
                        .members(catalog.find(beta.at("/segment/id").asString()).orElseThrow(), 10, 0)
                        .members())
                .as("the API's members: the source IDs the run read, as in the file")
                .containsExactly(
                        new io.segmentbatch.store.Memberships.Member("cust_b", "src_b"),
                        new io.segmentbatch.store.Memberships.Member("cust_x", null));
    }

    @Test
    void aJobsStaticSegmentListingACustomersSourceIdWritesThatCustomerAsAFilterSegmentDoesEachIdOnce() {
        String jobName = RunFixtures.uniqueJobName("listed");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        // src_f has no id: listed by its source_id, it is that customer (written with an empty id, as in Warsaw's
        // parts), not a customer whose id is src_f; cust_b listed twice is one member
        Path job = JobFile.of("job-segments.json")
                .name(jobName)
                .input(input)
                .setJson(
                        "segments",
                        "[{\"name\": \"Listed\", \"type\": \"static\","
                                + " \"customers\": [\"src_f\", \"cust_b\", \"cust_x\", \"cust_b\"]}]")
                .writeTo(folder);

        RunOutcome outcome = run(job, null);

        JsonNode listed = segmentEntry(RunFixtures.json(outcome.reportFile()), "Listed");
        assertThat(listed.get("customers_count").asInt()).isEqualTo(3);
        assertThat(RunFixtures.lines(
                        outcome.runFolder().resolve(listed.get("file").asString())))
                .containsExactly("id,source_id", "cust_b,src_b", "cust_x,", ",src_f");
        assertThat(memberships
                        .members(
                                catalog.find(listed.at("/segment/id").asString())
                                        .orElseThrow(),
                                10,
                                0)
                        .members())
                .as("the API's members, as in the file")
                .containsExactly(
                        new io.segmentbatch.store.Memberships.Member("cust_b", "src_b"),
                        new io.segmentbatch.store.Memberships.Member("cust_x", null),
                        new io.segmentbatch.store.Memberships.Member(null, "src_f"));
    }

    @Test
    void staticPartsKeepTheirIdsFromRunToRunAndAPartNeededForTheFirstTimeIsStored() throws Exception {
        String jobName = RunFixtures.uniqueJobName("parts");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path jobFile = RunFixtures.job("job-segments.json", jobName, input, folder);
        List<String> firstParts =
                partIds(segmentEntry(RunFixtures.json(run(jobFile, null).reportFile()), "Warsaw"));
        assertThat(firstParts).hasSize(3);

        // two more Warsaw customers: 7 members in parts of 2, so a fourth part
        java.nio.file.Files.writeString(
                input,
                "cust_i,src_i,Iga Nowak,iga@example.com,Warsaw,100,2024-09-18T10:00:00Z,\n"
                        + "cust_j,src_j,Jan Nowak,jan@example.com,Warsaw,100,2024-10-19T10:00:00Z,\n",
                java.nio.file.StandardOpenOption.APPEND);
        RunOutcome second = run(jobFile, null);
        assertThat(second.status()).isEqualTo("COMPLETED");
        JsonNode warsaw = segmentEntry(RunFixtures.json(second.reportFile()), "Warsaw");
        List<String> secondParts = partIds(warsaw);
        assertThat(secondParts).hasSize(4);
        assertThat(secondParts.subList(0, 3)).as("the parts the first run cut").isEqualTo(firstParts);
        assertThat(firstParts).doesNotContain(secondParts.get(3));

        String fourth = secondParts.get(3);
        assertThat(warsaw.get("static_segments").get(3).get("file").asString())
                .isEqualTo("segments/" + fourth + ".csv");
        assertThat(RunFixtures.lines(second.runFolder().resolve("segments/" + fourth + ".csv")))
                .containsExactly("id,source_id", ",src_f");
        var stored = catalog.find(fourth).orElseThrow();
        assertThat(stored.name()).isEqualTo("Warsaw (4/4)");
        assertThat(stored.type()).isEqualTo(io.segmentbatch.segment.SegmentType.STATIC);
        assertThat(currentMembers(fourth)).containsExactly("src_f");
        assertThat(currentMembers(secondParts.get(2))).containsExactly("cust_i", "cust_j");
    }

    private static List<String> partIds(JsonNode entry) {
        List<String> ids = new ArrayList<>();
        entry.get("static_segments")
                .forEach(part -> ids.add(part.at("/segment/id").asString()));
        return ids;
    }

    @Test
    void pagesOfALargeSegmentAndOfItsPartsFollowTheStaticSegmentFiles() {
        Path input = folder.resolve("customers.csv");
        io.segmentbatch.sample.CustomerGenerator.write(4_500, input, 7);
        RunOutcome outcome =
                run(RunFixtures.job("job-all.json", RunFixtures.uniqueJobName("pages"), input, folder), null);
        JsonNode entry = segmentEntry(RunFixtures.json(outcome.reportFile()), "Everyone with e-mail");
        List<String> fromFiles = new ArrayList<>();
        for (JsonNode part : entry.get("static_segments")) {
            RunFixtures.csv(outcome.runFolder().resolve(part.get("file").asString())).stream()
                    .skip(1)
                    .forEach(row -> fromFiles.add(row[0].isEmpty() ? row[1] : row[0]));
        }
        assertThat(fromFiles).hasSizeGreaterThan(3_000);

        var segment = catalog.find(entry.at("/segment/id").asString()).orElseThrow();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < fromFiles.size() + 100; offset += 97) {
            var page = memberships.members(segment, 97, offset);
            assertThat(page.total()).isEqualTo(fromFiles.size());
            page.members().forEach(member -> paged.add(member.id() != null ? member.id() : member.sourceId()));
        }
        assertThat(paged)
                .as("page by page, past the anchors every 1,000 members")
                .containsExactlyElementsOf(fromFiles);
    }

    @Test
    void reportHasVoucherifySegmentObjectsInTheSpecOrder() {
        String jobName = RunFixtures.uniqueJobName("shape");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        RunOutcome outcome = run(RunFixtures.job("job-segments.json", jobName, input, folder), null);

        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.propertyNames()).containsExactly("object", "job", "input", "segments");
        assertThat(report.get("object").asString()).isEqualTo("segmentation_report");
        assertThat(report.get("job").propertyNames())
                .containsExactly(
                        "name", "run_id", "status", "trigger", "started_at", "finished_at", "as_of", "timezone");
        assertThat(report.at("/job/trigger").asString()).isEqualTo("manual");
        assertThat(report.at("/job/as_of").asString()).isEqualTo("2026-11-01T12:00:00.000Z");
        assertThat(report.get("input").propertyNames())
                .containsExactly("files", "rows_read", "customers", "rows_rejected", "warnings");
        List<JsonNode> segmentObjects = new ArrayList<>();
        collectSegmentObjects(report, segmentObjects);
        assertThat(segmentObjects).hasSize(4 + 3 + 3 + 2);
        for (JsonNode segment : segmentObjects) {
            assertThat(segment.propertyNames()).containsExactlyElementsOf(SEGMENT_FIELDS);
            assertThat(segment.get("id").asString()).matches("seg_[A-Za-z0-9]{24}");
            assertThat(segment.get("created_at").asString())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(segment.get("object").asString()).isEqualTo("segment");
            assertThat(segment.get("initial_sync_status").asString()).isEqualTo("DONE");
            boolean isStatic = segment.get("type").asString().equals("static");
            assertThat(segment.get("filter").isNull()).isEqualTo(isStatic);
        }
        JsonNode warsaw = segmentEntry(report, "Warsaw");
        assertThat(warsaw.propertyNames())
                .containsExactly("segment", "customers_count", "entered", "left", "events_emitted", "static_segments");
        assertThat(warsaw.at("/segment/filter/address.city/conditions/$is/0").asString())
                .isEqualTo("Warsaw");
    }

    @Test
    void segmentsKeepTheirIdsFromRunToRun() {
        String jobName = RunFixtures.uniqueJobName("ids");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path job = RunFixtures.job("job-segments.json", jobName, input, folder);
        JsonNode first = RunFixtures.json(run(job, null).reportFile());
        JsonNode second = RunFixtures.json(run(job, null).reportFile());
        assertThat(ids(second)).isEqualTo(ids(first));
        assertThat(first.at("/job/run_id").asString())
                .isNotEqualTo(second.at("/job/run_id").asString());
    }

    @Test
    void badRowsAreRejectedWithTheirLinesWhileGoodRowsCount() {
        String jobName = RunFixtures.uniqueJobName("rejects");
        Path input = RunFixtures.copy("customers-bad.csv", folder);
        RunOutcome outcome = run(RunFixtures.job("job-all.json", jobName, input, folder), null);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        List<String[]> rejects = RunFixtures.csv(outcome.runFolder().resolve("rejects.csv"));
        assertThat(rejects.get(0)).containsExactly("file", "line", "reason", "raw");
        List<String> lines = rejects.stream().skip(1).map(row -> row[1]).toList();
        assertThat(lines).containsExactly("3", "5", "6", "7", "8", "9");
        assertThat(reason(rejects, "3")).contains("broken quote");
        assertThat(reason(rejects, "5")).contains("expected 7 cells", "found 8");
        assertThat(reason(rejects, "6")).contains("created_at", "2023-13-45");
        assertThat(reason(rejects, "7")).contains("metadata", "not a JSON object");
        assertThat(reason(rejects, "8")).contains("duplicate customer ID 'cust_1'", "line 2");
        assertThat(reason(rejects, "9")).contains("no identity");
        assertThat(rejects.get(1)[0]).endsWith("customers-bad.csv");
        assertThat(rejects.get(1)[3]).startsWith("cust_2,s2,\"Broken");

        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.at("/input/customers").asLong()).isEqualTo(4);
        assertThat(report.at("/input/rows_rejected").asLong()).isEqualTo(6);
        assertMembers(outcome, report, "Everyone with e-mail", List.of("cust_1", "cust_3", "cust_8", "cust_9"));
        // the evaluate step counts rows, not chunks: 5 read (the duplicate is found later, by dedupe), 5 rejected
        RunState.StepProgress evaluate = queries.find(outcome.runId()).orElseThrow().steps().stream()
                .filter(step -> step.name().equals("evaluate"))
                .findFirst()
                .orElseThrow();
        assertThat(evaluate.readCount()).isEqualTo(5);
        assertThat(evaluate.writeCount()).isEqualTo(5);
        assertThat(evaluate.skipCount()).isEqualTo(5);
    }

    @Test
    void pastTheSkipLimitTheRunFailsAndCurrentMembershipStaysThatOfTheLastCompletedRun() {
        String jobName = RunFixtures.uniqueJobName("skiplimit");
        Path good = RunFixtures.copy("customers-1.csv", folder);
        Path bad = RunFixtures.copy("customers-bad.csv", folder);
        Path job = JobFile.of("job-all.json")
                .name(jobName)
                .input(good)
                .set("skip_limit", 5)
                .writeTo(folder);
        RunOutcome first = run(job, null);
        assertThat(first.status()).isEqualTo("COMPLETED");
        String segmentId = segmentEntry(RunFixtures.json(first.reportFile()), "Everyone with e-mail")
                .at("/segment/id")
                .asString();
        List<String> before = currentMembers(segmentId);
        assertThat(before).hasSize(8);

        RunOutcome failed = run(job, bad.toString());

        assertThat(failed.status()).isEqualTo("FAILED");
        JsonNode report = RunFixtures.json(failed.reportFile());
        assertThat(report.at("/job/status").asString()).isEqualTo("FAILED");
        assertThat(report.at("/job/error").asString()).contains("skip_limit");
        // every row that made it fail is in rejects.csv, the one past the limit (line 9) included
        assertThat(RunFixtures.csv(failed.runFolder().resolve("rejects.csv")).stream()
                        .skip(1)
                        .map(row -> row[1]))
                .containsExactly("3", "5", "6", "7", "8", "9");
        assertThat(currentMembers(segmentId)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, failed.runId()))
                .isEqualTo("FAILED");

        // the export is fixed in place: a restart would read on in another file than the rows it already counted
        try {
            java.nio.file.Files.copy(good, bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.restart(failed.runId()))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessageContaining("changed since the run started")
                .hasMessageContaining("Start a new run");
    }

    @Test
    void aRunKilledAfterItsCommitStepKeepsItsOutcomeWhenTheNextRunOfItsJobSetsTheJobRepositoryRight()
            throws java.io.IOException {
        Path job = RunFixtures.job(
                "job-segments.json",
                RunFixtures.uniqueJobName("committed"),
                RunFixtures.copy("customers-1.csv", folder),
                folder);
        RunOutcome committed = run(job, null);
        assertThat(committed.status()).isEqualTo("COMPLETED");
        // what a process killed between its commit step's commit and Spring Batch's end of the job leaves
        String execution = "(SELECT p.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION_PARAMS p"
                + " WHERE p.PARAMETER_NAME = 'run.id' AND p.PARAMETER_VALUE = ?)";
        jdbc.update(
                "UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL"
                        + " WHERE JOB_EXECUTION_ID = " + execution,
                committed.runId());

        RunOutcome next = run(job, null);

        assertThat(next.status()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT status FROM sb_run WHERE run_id = ?", String.class, committed.runId()))
                .isEqualTo("COMPLETED");
        assertThat(RunFixtures.json(committed.reportFile()).at("/job/status").asString())
                .isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + execution,
                        String.class,
                        committed.runId()))
                .as("set right in the job repository")
                .isNotEqualTo("STARTED");
    }

    @Test
    void aRunKeepsItsInputAndFolderAsAbsolutePathsSoThatARestartFromAnotherDirectoryFindsThem()
            throws java.io.IOException {
        // relative to this JVM's working directory (the project), as a command line gives them
        Path relativeOut = Path.of("target", "relative-out-" + java.util.UUID.randomUUID());
        Path job = JobFile.of("job-all.json")
                .name(RunFixtures.uniqueJobName("relative"))
                .writeTo(folder);
        JobDefinition definition = new JobDefinitionLoader().load(job);
        try {
            RunOutcome outcome = launcher.run(
                    new RunRequest(definition, "sample-data/customers.csv", relativeOut, AS_OF, Trigger.MANUAL));

            assertThat(outcome.status()).isEqualTo("COMPLETED");
            assertThat(outcome.runFolder())
                    .isAbsolute()
                    .startsWith(relativeOut.toAbsolutePath())
                    .isDirectory();
            String input = Path.of("sample-data/customers.csv").toAbsolutePath().toString();
            assertThat(outcome.report().input().files()).containsExactly(input);
            assertThat(jdbc.queryForObject(
                            "SELECT output_dir FROM sb_run WHERE run_id = ?", String.class, outcome.runId()))
                    .isEqualTo(outcome.runFolder().toString());
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(relativeOut);
        }
    }

    @Test
    void duplicatesPastTheSkipLimitFailTheRunCountedOnceAndItsRestartFailsTheSameWay() throws java.io.IOException {
        Path input = folder.resolve("duplicates-" + java.util.UUID.randomUUID() + ".csv");
        java.nio.file.Files.writeString(
                input,
                "id,name,email\ncust_1,A,a@x.com\ncust_2,B,b@x.com\ncust_1,A2,a2@x.com\ncust_2,B2,b2@x.com\n"
                        + "cust_3,C,c@x.com\ncust_3,C,c@x.com\n");
        Path job = JobFile.of("job-all.json")
                .name(RunFixtures.uniqueJobName("dupes"))
                .input(input)
                .set("skip_limit", 1)
                .writeTo(folder);

        RunOutcome failed = run(job, null);

        assertThat(failed.status()).isEqualTo("FAILED");
        JsonNode report = RunFixtures.json(failed.reportFile());
        assertThat(report.at("/job/error").asString()).contains("skip_limit", "3 duplicate customer IDs");
        assertThat(report.at("/input/rows_read").asLong())
                .as("each row once: the duplicates are rejected, not also stored")
                .isEqualTo(6);
        assertThat(report.at("/input/customers").asLong()).isEqualTo(3);
        assertThat(report.at("/input/rows_rejected").asLong()).isEqualTo(3);

        RunOutcome again = launcher.restart(failed.runId());

        assertThat(again.status()).as("the same limit holds on a restart").isEqualTo("FAILED");
        JsonNode restarted = RunFixtures.json(again.reportFile());
        assertThat(restarted.at("/job/error").asString()).contains("skip_limit");
        assertThat(restarted.at("/input/rows_rejected").asLong())
                .as("no duplicate rejected twice")
                .isEqualTo(3);
        assertThat(RunFixtures.csv(failed.runFolder().resolve("rejects.csv")).stream()
                        .skip(1)
                        .map(row -> row[1]))
                .containsExactly("4", "5", "7");
    }

    @Test
    void aCustomerIdInTwoFilesKeepsItsFirstOccurrenceAndTheLaterOneIsRejected() throws java.io.IOException {
        String jobName = RunFixtures.uniqueJobName("twofiles");
        Path in = java.nio.file.Files.createDirectories(folder.resolve("in"));
        String header = "id,source_id,name,email,created_at,orders_total_amount,metadata\n";
        // each file is a partition of its own, evaluated on threads of their own
        java.nio.file.Files.writeString(
                in.resolve("a.csv"),
                header + "cust_1,s1,One,one@x.com,2024-01-01T00:00:00Z,100,\n"
                        + "cust_2,s2,Two,two@x.com,2024-01-01T00:00:00Z,100,\n");
        java.nio.file.Files.writeString(
                in.resolve("b.csv"),
                header + "cust_3,s3,Three,three@x.com,2024-01-01T00:00:00Z,100,\n"
                        + "cust_2,s22,Two again,two@y.com,2024-01-01T00:00:00Z,100,\n");

        RunOutcome outcome = run(
                RunFixtures.job("job-all.json", jobName, in.resolve("a.csv"), folder),
                in.resolve("*.csv").toString());

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        List<String[]> rejects = RunFixtures.csv(outcome.runFolder().resolve("rejects.csv"));
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(1)[0]).endsWith("b.csv");
        assertThat(rejects.get(1)[1]).isEqualTo("3");
        assertThat(rejects.get(1)[2]).contains("duplicate customer ID 'cust_2'", "first on line 3 of", "a.csv");
        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.at("/input/customers").asLong()).isEqualTo(3);
        assertMembers(outcome, report, "Everyone with e-mail", List.of("cust_1", "cust_2", "cust_3"));
        List<String[]> part = RunFixtures.csv(outcome.runFolder()
                .resolve(segmentEntry(report, "Everyone with e-mail")
                        .at("/static_segments/0/file")
                        .asString()));
        assertThat(part.stream().filter(row -> row[0].equals("cust_2")).map(row -> row[1]))
                .as("the first occurrence stays")
                .containsExactly("s2");
    }

    @Test
    void aDefinitionSnapshotIsKeptWithTheRun() {
        String jobName = RunFixtures.uniqueJobName("snapshot");
        Path input = RunFixtures.copy("customers-1.csv", folder);
        RunOutcome outcome = run(RunFixtures.job("job-segments.json", jobName, input, folder), null);
        String definition = jdbc.queryForObject(
                "SELECT definition_json FROM sb_run WHERE run_id = ?", String.class, outcome.runId());
        assertThat(definition).contains("\"" + jobName + "\"", "Big spenders");
    }

    void assertMembers(RunOutcome outcome, JsonNode report, String segment, List<String> expectedKeys) {
        JsonNode entry = segmentEntry(report, segment);
        assertThat(entry.get("customers_count").asLong()).as(segment + " count").isEqualTo(expectedKeys.size());
        List<String> fromFiles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode chunk : entry.get("static_segments")) {
            List<String[]> rows = RunFixtures.csv(
                    outcome.runFolder().resolve(chunk.get("file").asString()));
            assertThat(rows.get(0)).containsExactly("id", "source_id");
            assertThat(rows).hasSize(chunk.get("customers_count").asInt() + 1);
            for (String[] row : rows.subList(1, rows.size())) {
                String key = row[0].isEmpty() ? row[1] : row[0];
                assertThat(seen.add(key))
                        .as(key + " lies in exactly one static segment of " + segment)
                        .isTrue();
                fromFiles.add(key);
            }
        }
        assertThat(fromFiles).as(segment + " members in identity order").containsExactlyElementsOf(expectedKeys);
        assertThat(currentMembers(entry.at("/segment/id").asString())).containsExactlyElementsOf(expectedKeys);
    }

    /** A segment's current members as the store serves them (identity: id, else source_id), in identity order. */
    List<String> currentMembers(String segmentId) {
        var segment = catalog.find(segmentId).orElseThrow();
        return memberships.members(segment, Integer.MAX_VALUE, 0).members().stream()
                .map(member -> member.id() != null ? member.id() : member.sourceId())
                .toList();
    }

    static JsonNode segmentEntry(JsonNode report, String name) {
        for (JsonNode entry : report.get("segments")) {
            if (entry.at("/segment/name").asString().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no segment " + name + " in the report");
    }

    private static List<String> ids(JsonNode report) {
        List<JsonNode> objects = new ArrayList<>();
        collectSegmentObjects(report, objects);
        return objects.stream()
                .map(o -> o.get("name").asString() + "=" + o.get("id").asString())
                .toList();
    }

    private static void collectSegmentObjects(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            for (var property : node.properties()) {
                if (property.getKey().equals("segment")) {
                    found.add(property.getValue());
                }
                collectSegmentObjects(property.getValue(), found);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectSegmentObjects(element, found));
        }
    }

    private static String reason(List<String[]> rejects, String line) {
        return rejects.stream().filter(row -> row[1].equals(line)).findFirst().orElseThrow()[2];
    }
}
