package io.segmentbatch.report;

/**
 * A run's report was written again after the run ended (its destinations section, as deliveries went on), so that
 * what shows it ({@code report.html}) follows.
 */
public record ReportRewritten(String runId) {}
