package io.segmentbatch.report;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EventLinesTests {

    /**
     * Pinned: the lines that the event record gave through databind before {@link EventLines} replaced it (same
     * fields, order, nulls and escapes), so that events stay byte for byte what consumers had.
     */
    @Test
    void writesEachEventAsTheLineConsumersHadBefore() {
        String[][] events = {
            {"cust_1", "src-1", "Anna Nowak", "anna@example.com", "Big spenders"},
            {"cust_2", null, null, null, "Warsaw"},
            {"cust_3", "tab\there", "Zoë \"Q\" Łódź \\ 🙂", "line\nbreak@example.com", "Kraków \u0001"},
        };
        String[] expected = {
            "{\"id\":\"evcus_cust_1\",\"type\":\"customer.segment.entered\",\"created_at\":\"2026-11-01T12:00:00.000Z\","
                    + "\"group_id\":\"run_1\",\"data\":{\"customer\":{\"id\":\"cust_1\",\"source_id\":\"src-1\","
                    + "\"name\":\"Anna Nowak\",\"email\":\"anna@example.com\",\"object\":\"customer\"},"
                    + "\"segment\":{\"id\":\"seg_cust_1\",\"name\":\"Big spenders\",\"object\":\"segment\"}}}",
            "{\"id\":\"evcus_cust_2\",\"type\":\"customer.segment.entered\",\"created_at\":\"2026-11-01T12:00:00.000Z\","
                    + "\"group_id\":\"run_1\",\"data\":{\"customer\":{\"id\":\"cust_2\",\"source_id\":null,"
                    + "\"name\":null,\"email\":null,\"object\":\"customer\"},"
                    + "\"segment\":{\"id\":\"seg_cust_2\",\"name\":\"Warsaw\",\"object\":\"segment\"}}}",
            "{\"id\":\"evcus_cust_3\",\"type\":\"customer.segment.entered\",\"created_at\":\"2026-11-01T12:00:00.000Z\","
                    + "\"group_id\":\"run_1\",\"data\":{\"customer\":{\"id\":\"cust_3\",\"source_id\":\"tab\\there\","
                    + "\"name\":\"Zoë \\\"Q\\\" Łódź \\\\ 🙂\",\"email\":\"line\\nbreak@example.com\",\"object\":\"customer\"},"
                    + "\"segment\":{\"id\":\"seg_cust_3\",\"name\":\"Kraków \\u0001\",\"object\":\"segment\"}}}",
        };
        try (EventLines lines = new EventLines()) {
            for (int i = 0; i < events.length; i++) {
                String[] e = events[i];
                lines.write(
                        "evcus_" + e[0],
                        SegmentEvent.ENTERED,
                        "2026-11-01T12:00:00.000Z",
                        "run_1",
                        e[0],
                        e[1],
                        e[2],
                        e[3],
                        "seg_" + e[0],
                        e[4]);
                assertThat(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8))
                        .isEqualTo(expected[i]);
            }
        }
    }

    /**
     * What {@link EventLines} writes from copies (the type, time and group of each type, each segment's object) and
     * without Jackson's escaping loop (strings that need no escape) is what Jackson's generator writes for the same
     * event, whatever the strings hold and in whatever order the segments and types come.
     */
    @Test
    void writesWhatJacksonsGeneratorWritesForTheSameEvent() {
        List<String> strings = new ArrayList<>(List.of(
                "",
                "plain",
                "a/b",
                "tab\there",
                "quote\"",
                "back\\slash",
                "\u0000",
                "\u001f",
                "\u007f",
                "é Łódź",
                "\u2028\u2029",
                "🙂",
                "\ud83d",
                "x\ude42y",
                "<script>&'",
                "\u00a0\ufeff\uffff"));
        Random random = new Random(11);
        char[] alphabet = "aZ09 \"\\/\t\n\u0001\u007féŁ\u2028🙂\ud83d".toCharArray();
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            strings.add(text.toString());
        }
        String[][] segments = {{"seg_A", "Big spenders"}, {"seg_B", "Kraków \"KRK\""}, {"seg_A", "Renamed"}};
        String[] types = {SegmentEvent.ENTERED, SegmentEvent.LEFT};
        try (EventLines lines = new EventLines()) {
            for (int i = 0; i < 2_000; i++) {
                String[] segment = segments[random.nextInt(segments.length)];
                String type = types[random.nextInt(types.length)];
                String createdAt = i < 1_000 ? "2026-11-01T12:00:00.000Z" : "2026-11-02T12:00:00.000Z";
                String customerId = pick(strings, random);
                String sourceId = random.nextInt(4) == 0 ? null : pick(strings, random);
                String name = random.nextInt(4) == 0 ? null : pick(strings, random);
                String email = random.nextInt(4) == 0 ? null : pick(strings, random);
                lines.write(
                        "evcus_" + i,
                        type,
                        createdAt,
                        "run_1",
                        customerId,
                        sourceId,
                        name,
                        email,
                        segment[0],
                        segment[1]);
                assertThat(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8))
                        .isEqualTo(generated(
                                "evcus_" + i, type, createdAt, "run_1", customerId, sourceId, name, email, segment));
            }
        }
    }

    private static String pick(List<String> strings, Random random) {
        return strings.get(random.nextInt(strings.size()));
    }

    /** The event as Jackson's generator writes it, property by property. */
    private static String generated(
            String id,
            String type,
            String createdAt,
            String groupId,
            String customerId,
            String sourceId,
            String name,
            String email,
            String[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = ReportJson.MAPPER.writer().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringProperty("id", id);
            json.writeStringProperty("type", type);
            json.writeStringProperty("created_at", createdAt);
            json.writeStringProperty("group_id", groupId);
            json.writeObjectPropertyStart("data");
            json.writeObjectPropertyStart("customer");
            json.writeStringProperty("id", customerId);
            json.writeStringProperty("source_id", sourceId);
            json.writeStringProperty("name", name);
            json.writeStringProperty("email", email);
            json.writeStringProperty("object", "customer");
            json.writeEndObject();
            json.writeObjectPropertyStart("segment");
            json.writeStringProperty("id", segment[0]);
            json.writeStringProperty("name", segment[1]);
            json.writeStringProperty("object", "segment");
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
