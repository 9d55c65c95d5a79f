package io.segmentbatch.monitor;

import io.segmentbatch.job.RunEnded;
import io.segmentbatch.job.RunProgress;
import io.segmentbatch.job.RunProgressBoard;
import io.segmentbatch.job.RunStarted;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Shows each running run's progress on a timer, whatever its steps do: in mode {@code bar} (what {@code run} picks on a
 * terminal) a bar redrawn in place on standard output every {@code segment-batch.progress.refresh}; in mode
 * {@code lines} (logs, cron, CI, {@code serve}) a log line every {@code segment-batch.progress.interval}.
 */
@Component
class ProgressDisplay implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProgressDisplay.class);

    enum Mode {
        BAR,
        LINES
    }

    private final RunProgressBoard board;
    private final Mode mode;
    private final Duration period;
    private final Supplier<PrintStream> terminal;
    private final Consumer<String> logLines;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Showing> showing = new ConcurrentHashMap<>();

    @Autowired
    ProgressDisplay(
            RunProgressBoard board,
            @Value("${segment-batch.progress.mode:lines}") String mode,
            @Value("${segment-batch.progress.interval:5s}") Duration interval,
            @Value("${segment-batch.progress.refresh:500ms}") Duration refresh) {
        this(
                board,
                Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT)),
                interval,
                refresh,
                () -> System.out,
                log::info,
                System::nanoTime);
    }

    ProgressDisplay(
            RunProgressBoard board,
            Mode mode,
            Duration interval,
            Duration refresh,
            Supplier<PrintStream> terminal,
            Consumer<String> logLines,
            LongSupplier nanoTime) {
        this.board = board;
        this.mode = mode;
        this.period = mode == Mode.BAR ? refresh : interval;
        this.terminal = terminal;
        this.logLines = logLines;
        this.nanoTime = nanoTime;
    }

    @EventListener
    void runStarted(RunStarted run) {
        start(run.runId(), run::currentStep);
    }

    @EventListener
    void runEnded(RunEnded run) {
        finish(run.runId());
    }

    void start(String runId, Supplier<String> step) {
        Showing show = new Showing(runId, board.of(runId), step, nanoTime.getAsLong());
        show.task = timer.scheduleAtFixedRate(show::print, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        Showing previous = showing.put(runId, show);
        if (previous != null) {
            previous.cancel();
        }
    }

    void finish(String runId) {
        Showing show = showing.remove(runId);
        if (show != null) {
            show.cancel();
            if (mode == Mode.BAR) {
                show.print();
                terminal.get().println();
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** One run on the display. */
    private final class Showing {
        final String runId;
        final RunProgress progress;
        final Supplier<String> step;
        final long started;
        volatile @Nullable ScheduledFuture<?> task;
        String lastStep = "starting";

        Showing(String runId, RunProgress progress, Supplier<String> step, long started) {
            this.runId = runId;
            this.progress = progress;
            this.step = step;
            this.started = started;
        }

        synchronized void print() {
            String now = step.get();
            if (now != null) {
                lastStep = now;
            }
            double seconds = (nanoTime.getAsLong() - started) / 1e9;
            if (mode == Mode.BAR) {
                PrintStream out = terminal.get();
                // carriage return, the bar, then erase what a longer bar left to its right
                out.print("\r" + ProgressLine.bar(progress.snapshot(), lastStep, seconds, Terminal.width()) + "\033[K");
                out.flush();
            } else {
                logLines.accept(ProgressLine.line(runId, progress.snapshot(), lastStep, seconds));
            }
        }

        void cancel() {
            ScheduledFuture<?> scheduled = task;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
