package io.segmentbatch.job;

import io.segmentbatch.report.EventLines;
import io.segmentbatch.report.SegmentEvent;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.ChangeSink.Change;
import io.segmentbatch.segment.MemberInfo;
import io.segmentbatch.segment.SegmentIds;
import io.segmentbatch.segment.SegmentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The events file of a run whose outbox stores no event: written on a thread of its own, a batch at a time. */
class EventWriterTests {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    private static final CatalogSegment[] SEGMENTS = {
        new CatalogSegment(1, "seg_A", "Big spenders", SegmentType.AUTO_UPDATE, NOW, null),
        new CatalogSegment(2, "seg_B", "Kraków \"KRK\"", SegmentType.AUTO_UPDATE, NOW, null),
    };

    @TempDir
    Path folder;

    @Test
    void writesEveryChangeInTheOrderGivenAcrossItsBatches() throws IOException {
        Path file = folder.resolve("run/events.ndjson");
        int count = 5 * EventWriter.BATCH + 17;
        List<String> expected = new ArrayList<>();
        try (EventWriter events = writer(file);
                EventLines lines = new EventLines()) {
            for (int i = 0; i < count; i++) {
                CatalogSegment segment = SEGMENTS[i % 3 == 0 ? 1 : 0];
                Change change = i % 5 == 0 ? Change.LEFT : Change.ENTERED;
                MemberInfo member = member(i);
                events.change(segment, change, member);
                expected.add(line(lines, segment, change, member));
            }
        }

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
    }

    @Test
    void anInterruptedCloseWritesEveryLineBeforeClosingTheFileAndKeepsTheInterrupt() throws IOException {
        Path file = folder.resolve("run/events.ndjson");
        List<String> expected = new ArrayList<>();
        EventWriter events = writer(file);
        try (EventLines lines = new EventLines()) {
            for (int i = 0; i < 3 * EventWriter.BATCH + 5; i++) {
                events.change(SEGMENTS[0], Change.ENTERED, member(i));
                expected.add(line(lines, SEGMENTS[0], Change.ENTERED, member(i)));
            }
        }

        Thread.currentThread().interrupt();
        events.close();

        assertThat(Thread.interrupted())
                .as("the interrupt is kept for the caller")
                .isTrue();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
    }

    @Test
    void aFileThatCannotBeWrittenFailsTheNextChangeAndTheClose() {
        Path full = Path.of("/dev/full"); // every write to it fails: no space left on device
        assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        EventWriter events = writer(full);
        assertThatThrownBy(() -> {
                    for (int i = 0; i < 200 * EventWriter.BATCH; i++) {
                        events.change(SEGMENTS[0], Change.ENTERED, member(i));
                    }
                })
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write /dev/full");
        assertThatThrownBy(events::close).isInstanceOf(UncheckedIOException.class);
    }

    @SuppressWarnings("NullAway") // with no event types to store, the writer never asks the outbox for an appender
    private static EventWriter writer(Path file) {
        return new EventWriter(file, "run_1", null, Set.of(), NOW);
    }

    private static MemberInfo member(int i) {
        return new MemberInfo("cust_" + i, "cust_" + i, i % 2 == 0 ? "src-" + i : null, "Zoë Łódź " + i, null);
    }

    private static String line(EventLines lines, CatalogSegment segment, Change change, MemberInfo member) {
        String type = change == Change.ENTERED ? SegmentEvent.ENTERED : SegmentEvent.LEFT;
        lines.write(
                SegmentIds.derived("evcus_", "run_1", segment.id(), type, member.key()),
                type,
                Times.format(NOW),
                "run_1",
                member.id(),
                member.sourceId(),
                member.name(),
                member.email(),
                segment.id(),
                segment.name());
        return new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8);
    }
}
