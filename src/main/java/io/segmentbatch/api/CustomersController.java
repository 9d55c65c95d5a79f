package io.segmentbatch.api;

import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.SegmentCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Membership over Voucherify's customer endpoints, answered from the latest completed runs: the segments of a
 * customer, and the customers of a segment. This service knows customers only as members of segments.
 */
@RestController
@RequestMapping(path = "/v1/customers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customers", description = "Membership, from the latest completed runs")
@ApiResponse(
        responseCode = "401",
        description = "X-App-Id / X-App-Token missing or wrong",
        content =
                @Content(
                        schema = @Schema(implementation = ApiError.class),
                        examples = @ExampleObject(value = ApiExamples.UNAUTHORIZED)))
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class CustomersController {
    private final SegmentCatalog catalog;
    private final Memberships memberships;

    CustomersController(SegmentCatalog catalog, Memberships memberships) {
        this.catalog = catalog;
        this.memberships = memberships;
    }

    /** {@code id}: the customer's identity, its {@code id}, or its {@code source_id} when the export gave it no id. */
    @Operation(summary = "List a customer's segments")
    @ApiResponse(
            responseCode = "200",
            description = "The segments the customer is a member of",
            content =
                    @Content(
                            schema = @Schema(implementation = SegmentJson.SegmentRefList.class),
                            examples = @ExampleObject(value = ApiExamples.CUSTOMER_SEGMENTS)))
    @GetMapping("/{id}/segments")
    SegmentJson.SegmentRefList segments(
            @Parameter(
                            description = "The customer's id, or its source_id when it has no id",
                            example = "cust_iajsExT2QB4sGWzABY85WRqV")
                    @PathVariable
                    String id) {
        return new SegmentJson.SegmentRefList(memberships.segmentsOf(id).stream()
                .map(SegmentJson.SegmentRef::of)
                .toList());
    }

    /** A segment's members in identity order, a page at a time. */
    @Operation(summary = "List a segment's members", description = "In identity order, a page at a time.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of members",
            content =
                    @Content(
                            schema = @Schema(implementation = SegmentJson.CustomerList.class),
                            examples = @ExampleObject(value = ApiExamples.CUSTOMERS)))
    @ApiResponse(
            responseCode = "400",
            description = "No segment_id, or a bad limit or page",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such segment",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiError.class),
                            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @GetMapping
    SegmentJson.CustomerList customers(
            @Parameter(description = "Required", example = "seg_vC8iOSCqUG02EsPzsHynLv8i")
                    @RequestParam(name = "segment_id", required = false)
                    String segmentId,
            @Parameter(description = "1 to 100 (default 10)", example = "10") @RequestParam(required = false)
                    String limit,
            @Parameter(description = "from 1", example = "1") @RequestParam(required = false) String page) {
        if (segmentId == null || segmentId.isBlank()) {
            throw ApiException.badRequest(
                    "missing_segment_id",
                    "Give segment_id: this service lists customers by segment"
                            + " (GET /v1/customers?segment_id=seg_…).");
        }
        int size = Paging.limit(limit);
        long offset = Paging.offset(page, size);
        Memberships.Page members = memberships.members(SegmentsController.find(catalog, segmentId), size, offset);
        return new SegmentJson.CustomerList(
                members.members().stream().map(SegmentJson.Customer::of).toList(),
                members.total(),
                offset + members.members().size() < members.total());
    }
}
