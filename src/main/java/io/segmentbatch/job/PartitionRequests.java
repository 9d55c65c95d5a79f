package io.segmentbatch.job;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request as it travels on the broker: {@code <step name> <step execution id>} in plain text, rather
 * than a serialized Java object, so that no class has to be trusted on deserialization and a message can be read
 * in the broker's console.
 */
final class PartitionRequests {
    private PartitionRequests() {}

    static String encode(StepExecutionRequest request) {
        return request.getStepName() + " " + request.getStepExecutionId();
    }

    static StepExecutionRequest decode(String text) {
        int space = text.lastIndexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("not a partition request: '" + text + "'");
        }
        try {
            return new StepExecutionRequest(
                    text.substring(0, space),
                    Long.parseLong(text.substring(space + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a partition request: '" + text + "'", e);
        }
    }
}
