package io.segmentbatch.job;

import io.segmentbatch.sample.CustomerGenerator;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports with rows the database could not store or that are not what they seem (NUL, huge IDs, bytes in another
 * encoding) run end to end on a real database; subclasses pick the database.
 */
abstract class AbstractInputIntegrationTests {
    static final Instant AS_OF = Instant.parse("2026-11-01T12:00:00Z");

    @Autowired
    RunLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.segmentbatch.store.Memberships memberships;

    @Autowired
    io.segmentbatch.store.SegmentCatalog catalog;

    @TempDir
    Path folder;

    RunOutcome run(Path jobFile) {
        JobDefinition definition = new JobDefinitionLoader().load(jobFile);
        return launcher.run(new RunRequest(definition, null, folder.resolve("out"), AS_OF, Trigger.MANUAL));
    }

    @Test
    void aNulAHugeIdAndBadBytesEachRejectTheirRowOnlyAndTheRunCompletes() throws IOException {
        String jobName = RunFixtures.uniqueJobName("unstorable");
        Path input = folder.resolve("unstorable.csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("id,source_id,name,email\n"
                        + "cust_1,s1,Ann,a@x.com\n"
                        + "cust_2,s2,Bo\0b,b@x.com\n"
                        + "c".repeat(3000) + ",s3,Cy,c@x.com\n"
                        + "cust_4,\"" + "s".repeat(3000) + "\",Di,d@x.com\n")
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("cust_5,s5,Jürgen,e@x.com\n".getBytes(Charset.forName("windows-1252")));
        bytes.writeBytes("cust_6,s6,\"Line\rbreak\",f@x.com\n".getBytes(StandardCharsets.UTF_8));
        Files.write(input, bytes.toByteArray());
        RunOutcome outcome = run(RunFixtures.job("job-all.json", jobName, input, folder));

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.at("/input/rows_read").asLong()).isEqualTo(6);
        assertThat(report.at("/input/customers").asLong()).isEqualTo(2);
        assertThat(report.at("/input/rows_rejected").asLong()).isEqualTo(4);
        List<String[]> rejects = RunFixtures.csv(outcome.runFolder().resolve("rejects.csv"));
        assertThat(rejects.stream().skip(1).map(row -> row[1])).containsExactly("3", "4", "5", "6");
        assertThat(rejects.get(1)[2]).contains("name", "NUL");
        assertThat(rejects.get(1)[3]).isEqualTo("cust_2,s2,Bo\u2400b,b@x.com");
        assertThat(rejects.get(2)[2]).contains("id", "3000 characters", "at most 255");
        assertThat(rejects.get(3)[2]).contains("source_id", "3000 characters", "at most 255");
        assertThat(rejects.get(4)[2]).contains("not valid UTF-8", "line 6", "byte offset", "input.encoding");

        String segment = AbstractRunIntegrationTests.segmentEntry(report, "Everyone with e-mail")
                .at("/segment/id")
                .asString();
        assertThat(memberships
                        .members(catalog.find(segment).orElseThrow(), 100, 0)
                        .members())
                .extracting(io.segmentbatch.store.Memberships.Member::id)
                .containsExactly("cust_1", "cust_6");
    }

    @Test
    void aWindows1252ExportMatchesItsAccentedValuesWhenTheJobSaysSo() throws IOException {
        String jobName = RunFixtures.uniqueJobName("cp1252");
        Path input = folder.resolve("excel.csv");
        Files.write(
                input,
                ("id,address_city\r\ncust_1,München\r\ncust_2,Berlin\r\ncust_3,Köln\r\n")
                        .getBytes(Charset.forName("windows-1252")));
        Path job = folder.resolve(jobName + ".json");
        Files.writeString(job, """
                {"name": "%s", "input": {"path": "%s", "encoding": "windows-1252"},
                 "segments": [{"name": "Munich", "type": "passive",
                               "filter": {"address.city": {"conditions": {"$is": ["München"]}}}}]}
                """.formatted(jobName, input.toString().replace("\\", "/")));
        RunOutcome outcome = run(job);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.at("/input/rows_rejected").asLong()).isZero();
        assertThat(AbstractRunIntegrationTests.segmentEntry(report, "Munich")
                        .get("customers_count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aDuplicateRejectShowsItsOwnRecordInTheFilesEncodingAndLineEnds() throws IOException {
        String jobName = RunFixtures.uniqueJobName("dupraw");
        Path input = folder.resolve("old-mac.csv");
        // lines end with a lone CR, so the LF inside line 3's quoted name is text, not a line break
        Files.write(
                input,
                ("id,name,address_city\rcust_1,Renée,München\rcust_1,\"Renée\nMüller\",Köln\rcust_2,Two,Berlin\r")
                        .getBytes(Charset.forName("windows-1252")));
        Path job = folder.resolve(jobName + ".json");
        Files.writeString(job, """
                {"name": "%s", "input": {"path": "%s", "encoding": "windows-1252"},
                 "segments": [{"name": "Everyone", "type": "passive",
                               "filter": {"address.city": {"conditions": {"$has_value": true}}}}]}
                """.formatted(jobName, input.toString().replace("\\", "/")));
        RunOutcome outcome = run(job);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        List<String[]> rejects = RunFixtures.csv(outcome.runFolder().resolve("rejects.csv"));
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(1)[1]).isEqualTo("3");
        assertThat(rejects.get(1)[2]).contains("duplicate customer ID 'cust_1'");
        assertThat(rejects.get(1)[3]).isEqualTo("cust_1,\"Renée\nMüller\",Köln");
    }

    @Test
    void aGeneratedExportOfFiveThousandCustomersReadsWithoutAReject() throws IOException {
        String jobName = RunFixtures.uniqueJobName("generated");
        Path input = folder.resolve("generated.csv");
        CustomerGenerator.write(5_000, input, 7);
        RunOutcome outcome = run(RunFixtures.job("job-all.json", jobName, input, folder));
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.at("/input/rows_read").asLong()).isEqualTo(5_000);
        assertThat(report.at("/input/rows_rejected").asLong()).isZero();
    }
}
