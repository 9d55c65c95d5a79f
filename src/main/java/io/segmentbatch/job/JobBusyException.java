package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;

/** A job already has a run going, in this process or another; at most one run of a job runs at a time. */
public class JobBusyException extends RuntimeException {
    private final @Nullable String activeRunId;

    public JobBusyException(String jobName, @Nullable String activeRunId) {
        super("job " + jobName + " is already running"
                + (activeRunId == null ? " (in another process)" : " (run " + activeRunId + ")"));
        this.activeRunId = activeRunId;
    }

    public @Nullable String activeRunId() {
        return activeRunId;
    }
}
