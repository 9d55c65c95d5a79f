package io.segmentbatch.report;

/**
 * A run's report was written after the run ended (its destinations section, as deliveries went on; a killed
 * process's run, marked failed at the next start), so that what shows it ({@code report.html}) follows.
 */
public record ReportRewritten(String runId) {}
