package io.segmentbatch.monitor;

import io.segmentbatch.job.RunProgress;

import java.util.Locale;

/**
 * The text of a run's progress: a bar for a terminal, redrawn in place, and a plain line for logs. While the input is
 * read, rows per second (the average since the run started) and the ETA, which extrapolates the share of bytes read;
 * after it, the time elapsed (a rate of rows read would only fall while the later steps work).
 */
final class ProgressLine {
    static final String READING_STEP = "evaluate";
    private static final int BAR = 24;

    private ProgressLine() {}

    /** {@code evaluate [#########---------------]  37.5%  120,000 rows  40,000 rows/s  ETA 0:05}, at most {@code width}. */
    static String bar(RunProgress.Snapshot now, String step, double seconds, int width) {
        double share = now.share();
        int filled = (int) Math.round(share * BAR);
        String text = String.format(
                Locale.ROOT,
                "%-14s [%s%s] %5.1f%%  %,d rows  %s",
                step,
                "#".repeat(filled),
                "-".repeat(BAR - filled),
                share * 100,
                now.rows(),
                READING_STEP.equals(step)
                        ? String.format(Locale.ROOT, "%,.0f rows/s  ETA %s", rate(now, seconds), eta(share, seconds))
                        : "elapsed " + clock(seconds));
        return text.length() < width ? text : text.substring(0, Math.max(0, width - 1));
    }

    /**
     * {@code run run_…: step evaluate, 120,000 rows read, 40,000 rows/s, 37.5% of input}, and after the input is read
     * {@code run run_…: step publish, 320,000 rows read, 100.0% of input, 0:12 elapsed}.
     */
    static String line(String runId, RunProgress.Snapshot now, String step, double seconds) {
        return READING_STEP.equals(step)
                ? String.format(
                        Locale.ROOT,
                        "run %s: step %s, %,d rows read, %,.0f rows/s, %.1f%% of input",
                        runId,
                        step,
                        now.rows(),
                        rate(now, seconds),
                        now.share() * 100)
                : String.format(
                        Locale.ROOT,
                        "run %s: step %s, %,d rows read, %.1f%% of input, %s elapsed",
                        runId,
                        step,
                        now.rows(),
                        now.share() * 100,
                        clock(seconds));
    }

    private static double rate(RunProgress.Snapshot now, double seconds) {
        return seconds <= 0 ? 0 : now.rows() / seconds;
    }

    private static String eta(double share, double seconds) {
        if (share <= 0 || seconds <= 0) {
            return "-:--";
        }
        return clock(seconds * (1 - share) / share);
    }

    /** {@code 0:05}, {@code 12:34}, {@code 1:02:03}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s < 3600
                ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
}
