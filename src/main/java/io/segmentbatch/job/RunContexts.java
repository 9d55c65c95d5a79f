package io.segmentbatch.job;

import io.segmentbatch.filter.FilterError;
import io.segmentbatch.filter.FilterParser;
import io.segmentbatch.filter.ParsedFilter;
import io.segmentbatch.json.Json;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.StoredSegment;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.SegmentCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a {@link RunContext} by run ID: the job file's segments as the run started with them, followed by the
 * segments created over the API that the job evaluates (those that existed when the run started), so that every
 * step treats both alike.
 */
@Component
class RunContexts {
    private static final Logger log = LoggerFactory.getLogger(RunContexts.class);

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
        Map<String, CatalogSegment> segments = new LinkedHashMap<>(catalog.jobSegments(
                definition.name(),
                definition.segments().stream().map(SegmentDefinition::name).toList()));
        List<SegmentDefinition> all = new ArrayList<>(definition.segments());
        FilterParser parser = new FilterParser(definition.metadataSchema());
        for (StoredSegment api :
                catalog.apiSegmentsForRun(definition.name(), definition.apiSegments(), run.createdAt())) {
            SegmentDefinition segment = apiSegment(runId, api, parser);
            if (segment != null && segments.putIfAbsent(api.name(), api.catalog()) == null) {
                all.add(segment);
            } else if (segment != null) {
                log.warn(
                        "run {}: API segment {} is skipped: job {} already has a segment named '{}'",
                        runId,
                        api.id(),
                        definition.name(),
                        api.name());
            }
        }
        return new RunContext(run, definition.withSegments(all), segments);
    }

    /** The stamp of each of the run's input files when the run started ({@code size:modified}), in file order. */
    List<String> inputStamps(RunContext run) {
        return runs.inputStamps(run.run().runNo());
    }

    /** The API segment as a segment of the job, or null (logged) if its filter does not hold for this job's schema. */
    private static @Nullable SegmentDefinition apiSegment(String runId, StoredSegment api, FilterParser parser) {
        JsonNode filter = Json.DECIMALS.readTree(api.filterJson());
        List<FilterError> errors = new ArrayList<>();
        ParsedFilter parsed = parser.parse(filter, "$.filter", errors);
        if (parsed == null) {
            log.warn(
                    "run {}: API segment {} is skipped: its filter is invalid for this job: {}",
                    runId,
                    api.id(),
                    errors);
            return null;
        }
        return new SegmentDefinition(api.name(), api.type(), filter, parsed, List.of());
    }
}
