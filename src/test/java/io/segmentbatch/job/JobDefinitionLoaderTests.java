package io.segmentbatch.job;

import io.segmentbatch.filter.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JobDefinitionLoaderTests {
    private static final String EMAIL_FILTER = "{\"email\": {\"conditions\": {\"$has_value\": true}}}";

    @TempDir
    Path folder;

    @Test
    void readsEveryOptionOfAJobFile() throws IOException {
        JobDefinition job = load("""
                {"name": "nightly", "description": "d",
                 "input": {"path": "x.csv", "delimiter": ";", "columns": {"Customer Number": "source_id"}},
                 "schedule": {"cron": "0 30 2 * * *", "zone": "Europe/Warsaw"}, "inbox": "inbox/n",
                 "timezone": "Europe/Warsaw", "week_starts_on": "sunday", "initial_events": "none",
                 "static_segment_size": 500, "skip_limit": 3, "api_segments": true,
                 "segments": [{"name": "A", "type": "auto-update", "filter": %s},
                              {"name": "B", "type": "static", "customers": ["cust_1"]}]}
                """.formatted(EMAIL_FILTER));
        assertThat(job.name()).isEqualTo("nightly");
        assertThat(job.format().delimiter()).isEqualTo(';');
        assertThat(job.schedule().cron()).isEqualTo("0 30 2 * * *");
        assertThat(job.weekStartsOn()).isEqualTo(java.time.DayOfWeek.SUNDAY);
        assertThat(job.initialEvents()).isEqualTo(JobDefinition.InitialEvents.NONE);
        assertThat(job.staticSegmentSize()).isEqualTo(500);
        assertThat(job.skipLimit()).isEqualTo(3);
        assertThat(job.apiSegments()).isTrue();
        assertThat(job.filterSegments()).hasSize(1);
    }

    @Test
    void everyReaderOfAnyJobGetsTheMetadataTypesAsOneClassOfFunction() throws IOException {
        String segments = "\"segments\": [{\"name\": \"A\", \"type\": \"passive\", \"filter\": " + EMAIL_FILTER + "}]";
        JobDefinition declared =
                load("{\"name\": \"a\", \"metadata_schema\": {\"tier\": \"number\"}, " + segments + "}");
        JobDefinition plain = load("{\"name\": \"b\", " + segments + "}");
        assertThat(declared.metadataTypes().apply("tier")).isEqualTo(FieldType.NUMBER);
        assertThat(plain.metadataTypes().apply("tier")).isEqualTo(FieldType.UNTYPED);
        // the JIT compiles the export reader for the function class it has seen: the warm-up's reader and the run's
        // must call the same one, or the code compiled during the warm-up is thrown away when the run begins
        assertThat(plain.metadataTypes().getClass())
                .isSameAs(declared.metadataTypes().getClass());
    }

    @Test
    void reportsEveryErrorWithItsJsonPathAtOnce() throws IOException {
        String customers =
                IntStream.range(0, 20_001).mapToObj(i -> "\"cust_" + i + "\"").collect(Collectors.joining(","));
        InvalidDefinitionException e = invalid("""
                {"name": "bad job!", "schedule": {"cron": "every night"}, "timezone": "Mars/Olympus",
                 "static_segment_size": 20001, "colour": "blue",
                 "segments": [
                   {"name": "A", "type": "auto-update", "filter": {"email": {"conditions": {"$sounds_like": ["x"]}}}},
                   {"name": "B", "type": "passive", "filter": {"shoe_size": {"conditions": {"$is": [42]}}}},
                   {"name": "A", "type": "static", "customers": [%s]},
                   {"name": "D", "type": "static", "customers": ["c"], "filter": %s},
                   {"name": "E", "type": "auto-update"},
                   {"name": "F", "type": "sometimes"}
                 ]}
                """.formatted(customers, EMAIL_FILTER));
        List<String> paths = e.errors().stream().map(DefinitionError::path).toList();
        assertThat(paths)
                .contains(
                        "$.name",
                        "$.schedule.cron",
                        "$.timezone",
                        "$.static_segment_size",
                        "$.colour",
                        "$.segments[2].name",
                        "$.segments[2].customers",
                        "$.segments[3].filter",
                        "$.segments[4].filter",
                        "$.segments[5].type");
        assertThat(paths).anyMatch(path -> path.startsWith("$.segments[0].filter") && path.contains("$sounds_like"));
        assertThat(paths).anyMatch(path -> path.startsWith("$.segments[1].filter") && path.contains("shoe_size"));
        assertThat(message(e, "$.segments[2].customers")).contains("at most 20,000");
        assertThat(message(e, "$.segments[2].name")).contains("duplicate segment name 'A'");
        assertThat(e.errors()).allSatisfy(error -> assertThat(error.file()).endsWith("job.json"));
    }

    @Test
    void aScheduleNeedsAnInputPathAndACronThatFires() throws IOException {
        String segments = "\"segments\": [{\"name\": \"A\", \"type\": \"passive\", \"filter\": " + EMAIL_FILTER + "}]";
        InvalidDefinitionException noInput =
                invalid("{\"name\": \"a\", \"schedule\": {\"cron\": \"0 30 2 * * *\"}, " + segments + "}");
        assertThat(message(noInput, "$.input.path")).contains("a job with a schedule needs input.path");

        InvalidDefinitionException never = invalid("{\"name\": \"a\", \"input\": {\"path\": \"x.csv\"},"
                + " \"schedule\": {\"cron\": \"0 0 0 31 2 *\"}, " + segments + "}");
        assertThat(message(never, "$.schedule.cron"))
                .isEqualTo("'0 0 0 31 2 *' never fires (no such date, like 31 February)");

        InvalidDefinitionException outOfRange = invalid("{\"name\": \"a\", \"input\": {\"path\": \"x.csv\"},"
                + " \"schedule\": {\"cron\": \"61 * * * * *\"}, " + segments + "}");
        assertThat(message(outOfRange, "$.schedule.cron"))
                .as("which field is out of range")
                .startsWith("'61 * * * * *' is not a valid cron expression (Invalid value for SecondOfMinute (valid"
                        + " values 0 - 59): 61; six fields:");

        // an inbox job without a schedule takes its input from the files dropped there
        assertThat(load("{\"name\": \"a\", \"inbox\": \"inbox/a\", " + segments + "}")
                        .schedule())
                .isNull();
    }

    @Test
    void refusesMoreThanOneHundredFilterSegments() throws IOException {
        String segments = IntStream.range(0, 101)
                .mapToObj(i -> "{\"name\": \"S" + i + "\", \"type\": \"passive\", \"filter\": " + EMAIL_FILTER + "}")
                .collect(Collectors.joining(","));
        InvalidDefinitionException e = invalid("{\"name\": \"many\", \"segments\": [" + segments + "]}");
        assertThat(message(e, "$.segments")).contains("101 auto-update and passive segments", "at most 100");
    }

    @Test
    void aColumnMappingNamesAnExportColumnOrSaysWhichThereAre() throws IOException {
        String segments = "\"segments\": [{\"name\": \"A\", \"type\": \"passive\", \"filter\": " + EMAIL_FILTER + "}]";
        JobDefinition mapped = load("{\"name\": \"a\", \"input\": {\"columns\": {\"Customer Number\": \"Source ID\","
                + " \"Tier\": \"metadata.tier\", \"Buys\": \"events.purchase.count\","
                + " \"Summer\": \"loyalty_points.campaigns.Summer.points\"}}, " + segments + "}");
        assertThat(mapped.format().columns()).hasSize(4);

        InvalidDefinitionException e = invalid("{\"name\": \"a\", \"input\": {\"columns\": {\"Customer Number\": "
                + "\"sourceid\", \"Town\": \"city\"}}, " + segments + "}");
        assertThat(message(e, "$.input.columns['Customer Number']"))
                .contains("found 'sourceid'", "source_id", "address_city", "metadata.<key>");
        assertThat(message(e, "$.input.columns.Town")).contains("found 'city'");
    }

    @Test
    void readsTheInputEncodingUtf8ByDefaultAndRefusesUnknownOrNonAsciiEncodings() throws IOException {
        String segments = "\"segments\": [{\"name\": \"A\", \"type\": \"passive\", \"filter\": " + EMAIL_FILTER + "}]";
        assertThat(load("{\"name\": \"a\", " + segments + "}").format().encoding())
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(load("{\"name\": \"a\", \"input\": {\"encoding\": \"windows-1252\"}, " + segments + "}")
                        .format()
                        .encoding())
                .isEqualTo(Charset.forName("windows-1252"));
        assertThat(load("{\"name\": \"a\", \"input\": {\"encoding\": \"ISO-8859-1\"}, " + segments + "}")
                        .format()
                        .encoding())
                .isEqualTo(StandardCharsets.ISO_8859_1);

        assertThat(message(
                        invalid("{\"name\": \"a\", \"input\": {\"encoding\": \"klingon\"}, " + segments + "}"),
                        "$.input.encoding"))
                .contains("unknown encoding 'klingon'", "windows-1252");
        assertThat(message(
                        invalid("{\"name\": \"a\", \"input\": {\"encoding\": \"UTF-16\"}, " + segments + "}"),
                        "$.input.encoding"))
                .contains("'UTF-16' is not supported", "ASCII");
    }

    @Test
    void aJobNameIsAsciiLettersDigitsAndPunctuationAndTheMessageSaysSo() throws IOException {
        String segments = "\"segments\": [{\"name\": \"A\", \"type\": \"passive\", \"filter\": " + EMAIL_FILTER + "}]";
        assertThat(message(invalid("{\"name\": \"zażółć\", " + segments + "}"), "$.name"))
                .contains("ASCII letters", "'zażółć'");
        assertThat(load("{\"name\": \"Nightly_2.segments-x\", " + segments + "}")
                        .name())
                .isEqualTo("Nightly_2.segments-x");
    }

    @Test
    void saysWhereTheJsonIsBroken() throws IOException {
        InvalidDefinitionException e = invalid("{\"name\": \"x\",\n \"segments\": [}");
        assertThat(e.errors())
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("not valid JSON", "line 2"));
    }

    @Test
    void segmentNamesAndCustomerIdsHaveTheLimitsOfRunAndTheApiAndNulIsRefusedEverywhere() throws IOException {
        InvalidDefinitionException e = invalid("""
                {"name": "limits", "description": "nul\\u0000here", "input": {"path": "in\\u0000put.csv"},
                 "segments": [
                   {"name": "%s", "type": "auto-update", "filter": %s},
                   {"name": "Tab\\there", "type": "static", "customers": ["c1"]},
                   {"name": "Nul\\u0000here", "type": "passive", "filter": %s},
                   {"name": "IDs", "type": "static", "customers": ["%s", "c\\u0000d", "c\\ne"]},
                   {"name": "%s", "type": "static", "customers": ["%s"]}
                 ]}
                """.formatted(
                "n".repeat(501), EMAIL_FILTER, EMAIL_FILTER, "c".repeat(256), "n".repeat(500), "c".repeat(255)));
        assertThat(message(e, "$.segments[0].name")).contains("at most 500 characters", "has 501");
        assertThat(message(e, "$.segments[1].name")).contains("control characters", "U+0009");
        assertThat(message(e, "$.segments[2].name")).contains("NUL");
        assertThat(message(e, "$.segments[3].customers[0]")).contains("at most 255 characters");
        assertThat(message(e, "$.segments[3].customers[1]")).contains("U+0000");
        assertThat(message(e, "$.segments[3].customers[2]")).contains("U+000A");
        assertThat(message(e, "$.description")).contains("NUL");
        assertThat(message(e, "$.input.path")).contains("NUL");
        assertThat(e.errors())
                .filteredOn(error -> error.path().equals("$.segments[2].name"))
                .as("one error for the NUL, not also 'a segment needs a name'")
                .hasSize(1);
        assertThat(e.errors())
                .extracting(DefinitionError::path)
                .doesNotContain("$.segments[4].name", "$.segments[4].customers[0]");
    }

    @Test
    void aJobFileThatIsNotUtf8SaysWhereAndAUtf16OneSaysWhatItIs() throws IOException {
        Path latin1 = folder.resolve("latin1.json");
        Files.write(
                latin1,
                "{\"name\": \"latin\",\n \"description\": \"Krak\u00f3w\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new JobDefinitionLoader().load(latin1))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("is not valid UTF-8: line 2")
                .hasMessageContaining("byte offset 39,")
                .hasMessageNotContaining("Input length");
        Path utf16 = folder.resolve("utf16.json");
        Files.write(utf16, "{\"name\": \"wide\"}".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> new JobDefinitionLoader().load(utf16))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("is UTF-16");
    }

    @Test
    void aFilterNestedPastTheParsersDepthIsRefusedInPlainWords() throws IOException {
        String deep = "{\"filters\": [".repeat(300) + EMAIL_FILTER + "]}".repeat(300);
        InvalidDefinitionException e =
                invalid("{\"name\": \"deep\", \"segments\": [{\"name\": \"D\", \"type\": \"passive\", \"filter\": "
                        + deep + "}]}");
        assertThat(message(e, "$"))
                .contains("nest deeper than 500 levels", "32 levels of \"filters\"")
                .doesNotContain("StreamReadConstraints");

        InvalidDefinitionException e33 =
                invalid("{\"name\": \"deep\", \"segments\": [{\"name\": \"D\", \"type\": \"passive\", \"filter\": "
                        + "{\"filters\": [".repeat(32) + EMAIL_FILTER + "]}".repeat(32) + "}]}");
        assertThat(message(e33, "$.segments[0].filter" + ".filters[0]".repeat(32)))
                .contains("more than 32 levels");
    }

    @Test
    void aMissingFileIsAnError() {
        assertThatThrownBy(() -> new JobDefinitionLoader().load(folder.resolve("nope.json")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("nope.json")
                .hasMessageContaining("cannot be read: no such file");
    }

    @Test
    void anUnclosedArraySaysSoWithoutTheParsersSourceDescription() throws IOException {
        // the parser's own message names the array's start as "[Source: REDACTED (`StreamReadFeature…` disabled);
        // byte offset: #UNKNOWN]", which tells a user nothing
        InvalidDefinitionException e = invalid("{\"name\": \"x\", \"segments\": [\n");
        assertThat(message(e, "$"))
                .contains("not valid JSON", "expected close marker for Array", "line 2")
                .doesNotContain("Source", "REDACTED", "StreamReadFeature", "#UNKNOWN");
    }

    @Test
    void aKeyTwiceInOneObjectIsAnErrorAndAByteOrderMarkIsSkipped() throws IOException {
        // with the last key winning, the first city condition would vanish and the segment grow without a word
        InvalidDefinitionException repeated = invalid("{\"name\": \"a\", \"segments\": [{\"name\": \"A\","
                + " \"type\": \"passive\", \"filter\": {\"junction\": \"and\","
                + " \"address.city\": {\"conditions\": {\"$is\": [\"Warszawa\"]}},"
                + " \"address.city\": {\"conditions\": {\"$has_value\": true}}}}]}");
        assertThat(message(repeated, "$"))
                .isEqualTo("is not valid JSON: Duplicate Object property \"address.city\" (line 1, column 160)");

        String segments = "\"segments\": [{\"name\": \"A\", \"type\": \"passive\", \"filter\": " + EMAIL_FILTER + "}]";
        assertThat(load("\uFEFF{\"name\": \"bom\", " + segments + "}").name()).isEqualTo("bom");
    }

    private static String message(InvalidDefinitionException e, String path) {
        return e.errors().stream()
                .filter(error -> error.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + path + " in " + e.errors()))
                .message();
    }

    private JobDefinition load(String json) throws IOException {
        Path file = folder.resolve("job.json");
        Files.writeString(file, json);
        return new JobDefinitionLoader().load(file);
    }

    private InvalidDefinitionException invalid(String json) throws IOException {
        Path file = folder.resolve("job.json");
        Files.writeString(file, json);
        return catchThrowableOfType(InvalidDefinitionException.class, () -> new JobDefinitionLoader().load(file));
    }
}
