package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run as stored in {@code sb_run}: everything a step needs to carry on, even after a restart in another process.
 *
 * @param runNo      internal number, used in membership rows
 * @param runId      public ID, also the run folder's name and the events' {@code group_id}
 * @param runFolder  {@code <output>/<job>/<run id>}
 */
public record RunRecord(
        long runNo,
        String runId,
        String jobName,
        String status,
        Trigger trigger,
        String definitionJson,
        List<String> inputFiles,
        Path runFolder,
        Instant asOf,
        Instant createdAt,
        @Nullable String reportJson) {
    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobName, "jobName");
        inputFiles = List.copyOf(inputFiles);
    }
}
