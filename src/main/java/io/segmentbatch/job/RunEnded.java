package io.segmentbatch.job;

/**
 * Published (as a Spring application event) when a run has ended and its {@code sb_run} row and {@code report.json}
 * are final: for metrics, the HTML report and the progress display. Listeners run on the job's thread, before the
 * launcher returns; they must not throw.
 *
 * @param status COMPLETED, FAILED or STOPPED
 */
public record RunEnded(String runId, String jobName, String status) {}
