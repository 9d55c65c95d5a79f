package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.RunStatus;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param status COMPLETED, FAILED, STOPPED, HELD (a guard tripped), DISCARDED or PREVIEW
 * @param report the report as written to {@code report.json}
 */
public record RunOutcome(
        String runId,
        String status,
        Path runFolder,
        @Nullable JobReport report) {
    public boolean completed() {
        return RunStatus.COMPLETED.is(status);
    }

    /** A dry run that went to the end (status {@code PREVIEW}). */
    public boolean previewed() {
        return RunStatus.PREVIEW.is(status);
    }

    public boolean held() {
        return RunStatus.HELD.is(status);
    }

    /** A held run that was discarded, or superseded while held (status {@code DISCARDED}). */
    public boolean discarded() {
        return RunStatus.DISCARDED.is(status);
    }

    public Path reportFile() {
        return runFolder.resolve(io.segmentbatch.report.ReportFiles.REPORT);
    }
}
