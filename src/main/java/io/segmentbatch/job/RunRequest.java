package io.segmentbatch.job;

import io.segmentbatch.store.Trigger;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to run a job once.
 *
 * @param input      a file or glob that replaces the job's {@code input.path}, or null
 * @param outputRoot the output folder; the run writes to {@code <outputRoot>/<job>/<run id>/}
 * @param asOf       what "now" is for relative-date filters; null: the moment the run starts (a launch that waits
 *                   its turn, as an inbox file does, is then not judged as of when it began to wait)
 */
public record RunRequest(
        JobDefinition definition,
        @Nullable String input,
        Path outputRoot,
        @Nullable Instant asOf,
        Trigger trigger) {
    public RunRequest {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(outputRoot, "outputRoot");
        Objects.requireNonNull(trigger, "trigger");
    }
}
