package io.segmentbatch.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventLinesTests {

    @Test
    void writesTheTextOfTheEventRecordLineAfterLine() {
        SegmentEvent[] events = {
            event("cust_1", "src-1", "Anna Nowak", "anna@example.com", "Big spenders"),
            event("cust_2", null, null, null, "Warsaw"),
            event("cust_3", "tab\there", "Zoë \"Q\" Łódź \\ 🙂", "line\nbreak@example.com", "Kraków \u0001"),
        };
        try (EventLines lines = new EventLines()) {
            for (SegmentEvent event : events) {
                SegmentEvent.Customer customer = event.data().customer();
                lines.write(
                        event.id(),
                        event.type(),
                        event.createdAt(),
                        event.groupId(),
                        customer.id(),
                        customer.sourceId(),
                        customer.name(),
                        customer.email(),
                        event.data().segment().id(),
                        event.data().segment().name());
                assertThat(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8))
                        .isEqualTo(event.toJson());
            }
        }
    }

    private static SegmentEvent event(String customerId, String sourceId, String name, String email, String segment) {
        return new SegmentEvent(
                "evcus_" + customerId,
                SegmentEvent.ENTERED,
                "2026-11-01T12:00:00.000Z",
                "run_1",
                new SegmentEvent.Data(
                        new SegmentEvent.Customer(customerId, sourceId, name, email),
                        new SegmentEvent.Segment("seg_" + customerId, segment)));
    }
}
