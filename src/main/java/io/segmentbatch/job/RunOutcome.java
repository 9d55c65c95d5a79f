package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param status COMPLETED, FAILED or STOPPED
 * @param report the report as written to {@code report.json}
 */
public record RunOutcome(String runId, String status, Path runFolder, JobReport report) {
    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    public Path reportFile() {
        return runFolder.resolve(io.segmentbatch.report.ReportFiles.REPORT);
    }
}
