package io.segmentbatch.job;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A run started in the background: its ID is known (and its {@code sb_run} row exists) as soon as this is returned.
 *
 * @param outcome completes when the run ends
 */
public record LaunchedRun(String runId, String jobName, CompletableFuture<RunOutcome> outcome) {
    public LaunchedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(outcome, "outcome");
    }
}
