package io.segmentbatch.monitor;

import io.segmentbatch.job.RunProgress;
import io.segmentbatch.job.RunProgressBoard;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The progress display in both modes, on a timer, fed by two readers of one run (a partitioned input). */
class ProgressDisplayTests {
    private final RunProgressBoard board = new RunProgressBoard();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void theBarShowsShareRowsPerSecondEtaAndStepAndRedrawsInPlace() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        ProgressDisplay display = display(ProgressDisplay.Mode.BAR, out, line -> {});
        display.start("run_1", () -> "evaluate");
        RunProgress progress = board.of("run_1");
        RunProgress.Part first = progress.part(1, 1000);
        RunProgress.Part second = progress.part(2, 1000);
        first.update(300, 30_000);
        second.update(200, 20_000);
        nanos.set(10_000_000_000L);

        await().atMost(Duration.ofSeconds(5)).until(() -> text(terminal).contains("50,000 rows"));
        String shown = text(terminal);
        assertThat(shown)
                .startsWith("\r")
                .contains(
                        "evaluate",
                        "[######------------------]",
                        " 25.0%",
                        "50,000 rows",
                        "5,000 rows/s",
                        "ETA 0:30",
                        "\033[K");
        assertThat(shown).doesNotContain("\n");

        display.finish("run_1");
        assertThat(text(terminal)).endsWith("\n");
        display.destroy();
    }

    @Test
    void withoutATerminalAPlainLineComesEveryIntervalEvenWhenNothingMoves() {
        List<String> lines = new CopyOnWriteArrayList<>();
        ProgressDisplay display = display(ProgressDisplay.Mode.LINES, null, lines::add);
        display.start("run_2", () -> "publish");
        RunProgress.Part part = board.of("run_2").part(1, 4000);
        part.update(4000, 1234);
        nanos.set(2_000_000_000L);

        await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() >= 3);
        // after the input is read, no rate: rows read over a growing time would only fall while publishing works
        assertThat(lines.get(0)).isEqualTo("run run_2: step publish, 1,234 rows read, 100.0% of input, 0:02 elapsed");
        display.finish("run_2");
        int after = lines.size();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> lines.size() == after);
        display.destroy();
    }

    @Test
    void theBarFitsTheTerminalAndShowsElapsedTimeAfterReading() {
        RunProgress.Snapshot done = new RunProgress.Snapshot(1000, 1000, 12_000_000);
        String bar = ProgressLine.bar(done, "static-members", 3725, 80);
        assertThat(bar).hasSizeLessThan(80).startsWith("static-members [########################] 100.0%");
        assertThat(ProgressLine.bar(done, "publish", 65, 200)).endsWith("100.0%  12,000,000 rows  elapsed 1:05");
        assertThat(ProgressLine.clock(3725)).isEqualTo("1:02:05");
    }

    private ProgressDisplay display(ProgressDisplay.Mode mode, PrintStream terminal, Consumer<String> lines) {
        return new ProgressDisplay(
                board, mode, Duration.ofMillis(50), Duration.ofMillis(20), () -> terminal, lines, nanos::get);
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }
}
