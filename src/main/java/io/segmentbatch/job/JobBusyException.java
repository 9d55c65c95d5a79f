package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;

/**
 * A job already has a run going, in this process or another, or one of its held runs is being approved or discarded;
 * at most one run of a job runs at a time.
 */
public class JobBusyException extends RuntimeException {
    private final @Nullable String activeRunId;

    private JobBusyException(String message, @Nullable String activeRunId) {
        super(message);
        this.activeRunId = activeRunId;
    }

    /** Run {@code runId} of the job is going in this process. */
    static JobBusyException running(String jobName, String runId) {
        return new JobBusyException("job " + jobName + " is already running (run " + runId + ")", runId);
    }

    /** A run of the job is starting in this process: it has no ID yet. */
    static JobBusyException starting(String jobName) {
        return new JobBusyException("job " + jobName + " is already running (a run of it is starting)", null);
    }

    /** The job's lock is held by another process: a run of it, or an approve or discard of its held run. */
    static JobBusyException elsewhere(String jobName) {
        return new JobBusyException("job " + jobName + " is already running (in another process)", null);
    }

    /** The job's held run {@code runId} is being approved or discarded in this process. */
    static JobBusyException settling(String jobName, String runId) {
        return new JobBusyException(
                "job " + jobName + " is busy: its held run " + runId + " is being approved or discarded", runId);
    }

    /** The run going in this process, or the held run being settled in it; null when none has an ID here. */
    public @Nullable String activeRunId() {
        return activeRunId;
    }
}
