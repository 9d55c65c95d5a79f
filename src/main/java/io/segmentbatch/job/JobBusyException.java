package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;

/**
 * A job already has a run going, in this process or another, or one of its held runs is being approved or discarded;
 * at most one run of a job runs at a time.
 */
public class JobBusyException extends RuntimeException {
    private final @Nullable String activeRunId;

    public JobBusyException(String jobName, @Nullable String activeRunId) {
        this(jobName, activeRunId, false);
    }

    private JobBusyException(String jobName, @Nullable String runId, boolean settling) {
        super(
                settling
                        ? "job " + jobName + " is busy: its held run " + runId + " is being approved or discarded"
                        : "job " + jobName + " is already running"
                                + (runId == null ? " (in another process)" : " (run " + runId + ")"));
        this.activeRunId = runId;
    }

    /** The job's held run {@code runId} is being approved or discarded in this process. */
    static JobBusyException settling(String jobName, String runId) {
        return new JobBusyException(jobName, runId, true);
    }

    /** The run going in this process, or the held run being settled in it; null when the job is busy in another. */
    public @Nullable String activeRunId() {
        return activeRunId;
    }
}
