package io.segmentbatch.job;

import io.segmentbatch.customer.ExportFormat;
import io.segmentbatch.customer.FileFailures;
import io.segmentbatch.destination.DestinationsSection;
import io.segmentbatch.filter.FilterError;
import io.segmentbatch.filter.FilterParser;
import io.segmentbatch.filter.JsonLimits;
import io.segmentbatch.filter.JsonPath;
import io.segmentbatch.filter.MetadataSchema;
import io.segmentbatch.json.Json;
import io.segmentbatch.segment.SegmentDefinition;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a job file. Every error is found at once, each with the file and its JSON path; nothing is
 * read or written for a definition that has any.
 */
public final class JobDefinitionLoader {
    /** Decimals stay exact: {@code 100.10} in a filter is not read through a double. */
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private static final Set<String> ROOT_KEYS = Set.of(
            "name",
            "description",
            "input",
            "schedule",
            "inbox",
            "timezone",
            "week_starts_on",
            "metadata_schema",
            "initial_events",
            "static_segment_size",
            "skip_limit",
            "api_segments",
            "segments",
            "guards",
            "destinations");

    /** Loads a job file; throws {@link InvalidDefinitionException} with every error. */
    public JobDefinition load(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            String text = utf8(name, Files.readAllBytes(file));
            // a UTF-8 byte-order mark (Windows editors write one) is skipped, as in the exports
            root = Json.DECIMALS.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException e) {
            throw invalid(name, "$", "cannot be read: " + FileFailures.reason(e));
        } catch (JacksonException e) {
            throw invalid(name, "$", "is not valid JSON: " + JsonLimits.describe(e));
        }
        return parse(name, root);
    }

    /** A job file's text: UTF-8, or an error that says where it is not (the decoder's own: "Input length = 4"). */
    private static String utf8(String name, byte[] bytes) {
        if (bytes.length >= 2
                && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw invalid(name, "$", "is UTF-16 (it begins with a UTF-16 byte-order mark): save it as UTF-8");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the start of the bytes it cannot read
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw invalid(
                    name,
                    "$",
                    "is not valid UTF-8: line " + line + " has bytes that are not (byte offset " + in.position()
                            + ", counted from 0 at the start of the file); save it as UTF-8");
        }
    }

    /** Checks a definition kept as text (as stored with a run). */
    public JobDefinition parse(String file, String json) {
        try {
            return parse(file, Json.DECIMALS.readTree(json));
        } catch (JacksonException e) {
            throw invalid(file, "$", "is not valid JSON: " + JsonLimits.describe(e));
        }
    }

    /** Checks an already-parsed definition. */
    public JobDefinition parse(String file, JsonNode root) {
        List<DefinitionError> errors = new ArrayList<>();
        DefinitionReader in = new DefinitionReader(file, errors);
        if (root == null || !root.isObject()) {
            throw invalid(file, "$", "expected a JSON object");
        }
        in.rejectUnknownKeys(root, "$", ROOT_KEYS);
        String name = in.string(root, "name", "$", null);
        if (name == null && !root.has("name")) {
            in.error("$.name", "a job needs a name");
        } else if (name != null && !JOB_NAME.matcher(name).matches()) {
            in.error(
                    "$.name",
                    "expected 1 to 100 ASCII letters (A-Z, a-z), digits, '.', '_' or '-', beginning with a letter or a"
                            + " digit (it names the output folder), found '" + name + "'");
        }
        ExportFormat format = format(in, root);
        String inputPath = root.has("input") && root.get("input").isObject()
                ? in.string(root.get("input"), "path", "$.input", null)
                : null;
        JobDefinition.Schedule schedule = schedule(in, root);
        if (schedule != null && inputPath == null) {
            // a cron tick has no --input: without input.path every tick would only log that it could not start
            in.error(
                    "$.input.path", "a job with a schedule needs input.path: a scheduled run reads the files it names");
        }
        List<FilterError> filterErrors = new ArrayList<>();
        MetadataSchema schema = MetadataSchema.parse(root.get("metadata_schema"), "$.metadata_schema", filterErrors);
        List<SegmentDefinition> segments = SegmentsSection.read(in, root, new FilterParser(schema), filterErrors);
        filterErrors.forEach(error -> in.error(error.path(), error.message()));
        DestinationsSection.read(
                root.get("destinations"),
                name == null ? "" : name /* no name: an error already */,
                segments.stream().map(SegmentDefinition::name).toList(),
                in::error);
        JobDefinition.InitialEvents initialEvents = in.choice(
                root,
                "initial_events",
                "$",
                JobDefinition.InitialEvents.ENTERED,
                value -> switch (value) {
                    case "entered" -> JobDefinition.InitialEvents.ENTERED;
                    case "none" -> JobDefinition.InitialEvents.NONE;
                    default -> null;
                },
                "'entered' or 'none'");
        DayOfWeek weekStart = in.choice(
                root,
                "week_starts_on",
                "$",
                DayOfWeek.MONDAY,
                JobDefinitionLoader::dayOfWeek,
                "a day of the week such as 'monday' or 'sunday'");
        String description = in.string(root, "description", "$", null);
        String inbox = in.string(root, "inbox", "$", null);
        ZoneId zone = in.zone(root, "timezone", "$");
        int partSize = in.integer(
                root,
                "static_segment_size",
                "$",
                SegmentDefinition.MAX_STATIC_CUSTOMERS,
                1,
                SegmentDefinition.MAX_STATIC_CUSTOMERS);
        int skipLimit = in.integer(root, "skip_limit", "$", 1000, 0, Integer.MAX_VALUE);
        boolean apiSegments = in.bool(root, "api_segments", "$");
        Guards.check(in, root);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return new JobDefinition(
                java.util.Objects.requireNonNull(name, "name"),
                description,
                inputPath,
                format,
                schedule,
                inbox,
                zone,
                weekStart,
                schema,
                initialEvents,
                partSize,
                skipLimit,
                apiSegments,
                segments,
                root);
    }

    private static ExportFormat format(DefinitionReader in, JsonNode root) {
        JsonNode input = in.object(root, "input", "$");
        if (input == null) {
            return ExportFormat.standard();
        }
        in.rejectUnknownKeys(input, "$.input", Set.of("path", "delimiter", "columns", "encoding"));
        String delimiter = in.string(input, "delimiter", "$.input", ",");
        if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
            delimiter = "\t";
        }
        if (delimiter.length() != 1 || delimiter.equals("\"")) {
            in.error(
                    "$.input.delimiter",
                    "expected one character such as \",\", \";\" or \"\\t\", found '" + delimiter + "'");
            delimiter = ",";
        }
        Map<String, String> columns = new LinkedHashMap<>();
        JsonNode mapping = in.object(input, "columns", "$.input");
        if (mapping != null) {
            for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
                String path = JsonPath.key("$.input.columns", entry.getKey());
                if (!entry.getValue().isString() || entry.getValue().asString().isBlank()) {
                    in.error(path, "expected the name of an export column such as \"source_id\"");
                } else if (!ExportFormat.isExportColumn(entry.getValue().asString())) {
                    in.error(
                            path,
                            "expected the name of an export column, found '"
                                    + entry.getValue().asString()
                                    + "'; the columns are " + ExportFormat.exportColumns()
                                    + ", metadata, system_metadata, metadata.<key>, events.<name>.count and"
                                    + " loyalty_points.campaigns.<campaign name>.points (a header left unmapped is"
                                    + " read as a metadata property of its own name)");
                } else {
                    columns.put(entry.getKey(), entry.getValue().asString());
                }
            }
        }
        return new ExportFormat(delimiter.charAt(0), columns, encoding(in, input));
    }

    /** {@code input.encoding}: a character set that keeps ASCII as is, UTF-8 by default. */
    private static Charset encoding(DefinitionReader in, JsonNode input) {
        String name = in.string(input, "encoding", "$.input", "UTF-8");
        Charset charset = null;
        try {
            charset = Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            in.error(
                    "$.input.encoding",
                    "unknown encoding '" + name + "' (expected e.g. \"UTF-8\", \"windows-1252\" or"
                            + " \"ISO-8859-1\")");
            return StandardCharsets.UTF_8;
        }
        if (!ExportFormat.keepsAscii(charset)) {
            in.error(
                    "$.input.encoding",
                    "'" + name + "' is not supported: the encoding must write ASCII characters as"
                            + " single bytes as ASCII does (e.g. \"UTF-8\", \"windows-1252\", \"ISO-8859-1\"; not UTF-16)");
            return StandardCharsets.UTF_8;
        }
        return charset;
    }

    private static JobDefinition.@Nullable Schedule schedule(DefinitionReader in, JsonNode root) {
        JsonNode schedule = in.object(root, "schedule", "$");
        if (schedule == null) {
            return null;
        }
        in.rejectUnknownKeys(schedule, "$.schedule", Set.of("cron", "zone"));
        String cron = in.string(schedule, "cron", "$.schedule", null);
        if (cron == null) {
            in.error(
                    "$.schedule.cron",
                    "a schedule needs a cron expression (six fields: second minute hour day month weekday)");
        } else {
            try {
                if (CronExpression.parse(cron).next(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)) == null) {
                    in.error("$.schedule.cron", "'" + cron + "' never fires (no such date, like 31 February)");
                }
            } catch (IllegalArgumentException e) {
                in.error(
                        "$.schedule.cron",
                        "'" + cron + "' is not a valid cron expression (" + cronProblem(e)
                                + "; six fields: second minute hour day month weekday, e.g. \"0 30 2 * * *\")");
            }
        }
        return new JobDefinition.Schedule(cron == null ? "" : cron, in.zone(schedule, "zone", "$.schedule"));
    }

    /** Spring's reason, without the expression it repeats: {@code Invalid value for SecondOfMinute (valid values 0 - 59): 61}. */
    private static String cronProblem(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int repeated = message.indexOf(" '");
        int expression = message.indexOf(" in cron expression");
        return message.substring(0, repeated > 0 ? repeated : expression > 0 ? expression : message.length());
    }

    private static @Nullable DayOfWeek dayOfWeek(String value) {
        try {
            return DayOfWeek.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InvalidDefinitionException invalid(String file, String path, String message) {
        return new InvalidDefinitionException(List.of(new DefinitionError(file, path, message)));
    }
}
