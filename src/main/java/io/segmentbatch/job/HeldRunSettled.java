package io.segmentbatch.job;

/**
 * Published (as a Spring application event) when a held run was approved or discarded: its {@code sb_run} row and
 * {@code report.json} are final again, for the metrics and the HTML report. Listeners must not throw.
 *
 * @param status COMPLETED (approved) or DISCARDED
 */
public record HeldRunSettled(String runId, String jobName, String status) {}
