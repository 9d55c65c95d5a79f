package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Names the job and the run in the log lines of the thread that works on a run (SLF4J's MDC keys {@value #JOB} and
 * {@value #RUN}): the log pattern shows the job, so that in {@code serve}, where several jobs run at once, Spring
 * Batch's step lines and a run's warnings say whose they are. A job has one run going at a time, so its name is
 * enough there; a structured log format gets the run's ID as well. Closing it puts back what the thread had before.
 */
final class RunLogContext implements AutoCloseable {
    static final String JOB = "job";
    static final String RUN = "run";

    private final @Nullable String jobBefore;
    private final @Nullable String runBefore;

    private RunLogContext(String job, String run) {
        jobBefore = MDC.get(JOB);
        runBefore = MDC.get(RUN);
        MDC.put(JOB, job);
        MDC.put(RUN, run);
    }

    /** From now until {@link #close}, this thread's log lines belong to the run. */
    static RunLogContext of(String job, String run) {
        return new RunLogContext(job, run);
    }

    @Override
    public void close() {
        restore(JOB, jobBefore);
        restore(RUN, runBefore);
    }

    private static void restore(String key, @Nullable String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
