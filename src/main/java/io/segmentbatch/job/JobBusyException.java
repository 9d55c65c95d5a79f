package io.segmentbatch.job;

/** A job already has a run going, in this process or another; at most one run of a job runs at a time. */
public class JobBusyException extends RuntimeException {
    private final String activeRunId;

    public JobBusyException(String jobName, String activeRunId) {
        super("job " + jobName + " is already running" + (activeRunId == null ? " (in another process)" : " (run " + activeRunId + ")"));
        this.activeRunId = activeRunId;
    }

    public String activeRunId() {
        return activeRunId;
    }
}
