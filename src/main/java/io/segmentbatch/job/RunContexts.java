package io.segmentbatch.job;

import io.segmentbatch.segment.SegmentCatalog;
import io.segmentbatch.segment.SegmentDefinition;
import org.springframework.stereotype.Component;

/** Loads a {@link RunContext} by run ID. */
@Component
class RunContexts {
    private final Runs runs;
    private final SegmentCatalog catalog;
    private final JobDefinitionLoader loader = new JobDefinitionLoader();

    RunContexts(Runs runs, SegmentCatalog catalog) {
        this.runs = runs;
        this.catalog = catalog;
    }

    RunContext load(String runId) {
        RunRecord run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no run " + runId));
        JobDefinition definition = loader.parse("run " + runId, run.definitionJson());
        var segments = catalog.jobSegments(definition.name(), definition.segments().stream().map(SegmentDefinition::name).toList());
        return new RunContext(run, definition, segments);
    }
}
