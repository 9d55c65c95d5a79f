package io.segmentbatch.job;

import java.util.Objects;

/** A run started in the background: its ID is known (and its {@code sb_run} row exists) as soon as this is returned. */
public record LaunchedRun(String runId, String jobName) {
    public LaunchedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobName, "jobName");
    }
}
