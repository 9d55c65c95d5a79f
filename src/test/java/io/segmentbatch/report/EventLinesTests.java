package io.segmentbatch.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
