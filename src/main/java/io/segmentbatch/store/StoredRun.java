package io.segmentbatch.store;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A run as the operator's views read it from {@code sb_run}.
 *
 * @param runFolder  {@code <output>/<job>/<run id>}, where its files are
 * @param finishedAt null while it goes
 * @param reportJson the report ({@code report.json}); null in the list of runs, which leaves it out
 */
public record StoredRun(
        String runId,
        String jobName,
        String status,
        String trigger,
        Path runFolder,
        Instant createdAt,
        @Nullable Instant finishedAt,
        @Nullable String reportJson) {}
