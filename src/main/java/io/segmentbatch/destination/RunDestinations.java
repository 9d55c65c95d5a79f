package io.segmentbatch.destination;

import io.segmentbatch.json.Json;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The destinations declared in the job definition a run started with (its snapshot in {@code sb_run}). */
final class RunDestinations {
    private RunDestinations() {}

    static List<DestinationSpec> of(String jobName, String definitionJson) {
        JsonNode root = Json.MAPPER.readTree(definitionJson);
        List<String> problems = new ArrayList<>();
        List<DestinationSpec> specs = DestinationsSection.read(
                root.get("destinations"), jobName, null, (path, message) -> problems.add(path + ": " + message));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the destinations of job " + jobName + " are invalid: " + problems);
        }
        return specs;
    }
}
