package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.store.Trigger;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run as seen from outside while it goes and after: its row, the progress of its steps, and its report once
 * there is one.
 *
 * @param steps  the steps started so far, in order, with Spring Batch's counts
 * @param report the report (completed, failed or stopped runs), or null while running
 */
public record RunState(
        String runId,
        String jobName,
        String status,
        Trigger trigger,
        List<String> inputFiles,
        Instant asOf,
        Instant createdAt,
        List<StepProgress> steps,
        @Nullable JobReport report) {
    public RunState {
        Objects.requireNonNull(runId, "runId");
        inputFiles = List.copyOf(inputFiles);
        steps = List.copyOf(steps);
    }

    /** One step's counts so far. */
    public record StepProgress(
            String name, String status, long readCount, long writeCount, long skipCount, long commitCount) {}
}
