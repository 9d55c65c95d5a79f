package io.segmentbatch.job;

import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.filter.EvaluationContext;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.store.RunRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the steps of one run work from, loaded from the run's row (so a restart in another process sees
 * the definition the run started with).
 *
 * @param segments the job's segments in the catalog, by name, in the job's order
 */
record RunContext(RunRecord run, JobDefinition definition, Map<String, CatalogSegment> segments) {

    EvaluationContext evaluationContext() {
        return definition.evaluationContext(run.asOf());
    }

    List<Path> inputFiles() {
        return run.inputFiles().stream().map(Path::of).toList();
    }

    /**
     * At least as many customers as the input holds, as a rule: a customer a hundred bytes (an export's rows are
     * longer), a gzipped file six times its size. What the run sizes by, never what it counts by.
     */
    long expectedCustomers() {
        long bytes = 0;
        for (Path file : inputFiles()) {
            try {
                long size = java.nio.file.Files.size(file);
                bytes += ExportReader.gzipped(file) ? size * 6 : size;
            } catch (java.io.IOException e) {
                // a file gone is reported by the step that reads it
            }
        }
        return bytes / 100;
    }

    CatalogSegment catalog(SegmentDefinition segment) {
        // every segment of the definition was put in the catalog when the run started
        return java.util.Objects.requireNonNull(segments.get(segment.name()), segment.name());
    }
}
