package io.segmentbatch.store;

import io.segmentbatch.report.RunStatus;

import java.nio.file.Path;

/**
 * What destinations need of a run ({@code sb_run}): its status, its job's definition as it ran, its folder and report.
 */
public record RunSnapshot(
        String runId, String jobName, String status, String definitionJson, Path runFolder, String reportJson) {
    public boolean completed() {
        return RunStatus.COMPLETED.is(status);
    }
}
