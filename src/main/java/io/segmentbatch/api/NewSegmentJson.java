package io.segmentbatch.api;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * The body of {@code POST /v1/segments} as the API document shows it. The controller reads the body as text and
 * checks it with {@link NewSegment#parse}, so that every mistake gets an error with its JSON path.
 */
@Schema(name = "NewSegment", description = "A new segment: customers for a static one, filter for the others")
record NewSegmentJson(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Customers in a new Segment")
        String name,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"static", "auto-update", "passive"})
        String type,

        @Schema(
                description = "Static segments: at most 20,000 customer IDs",
                example = "[\"cust_iajsExT2QB4sGWzABY85WRqV\"]")
        List<String> customers,

        @Schema(description = "auto-update and passive segments: the filter")
        JsonNode filter,

        @Schema(description = "Accepted and not kept") JsonNode metadata,

        @Schema(
                description =
                        "Extension: the job whose runs evaluate this filter segment (default: the job with api_segments)",
                example = "nightly-segments")
        String job) {}
