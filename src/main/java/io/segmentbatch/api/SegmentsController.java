package io.segmentbatch.api;

import io.segmentbatch.report.SegmentObject;
import io.segmentbatch.segment.StoredSegment;
import io.segmentbatch.store.SegmentCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/segments}, Voucherify's customer segments API: create, get, list and delete. Segments from job files
 * and the static segments runs cut are listed too, read-only.
 */
@RestController
@RequestMapping(path = "/v1/segments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Segments", description = "Voucherify's customer segments API")
@ApiResponse(
        responseCode = "401",
        description = "X-App-Id / X-App-Token missing or wrong",
        content =
                @Content(
                        schema = @Schema(implementation = ApiError.class),
                        examples = @ExampleObject(value = ApiExamples.UNAUTHORIZED)))
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class SegmentsController {
    private static final String CHANNEL = "X-Voucherify-Channel";
    private static final String JAVA_SDK = "Java-SDK";

    private final SegmentRegistrar registrar;
    private final SegmentCatalog catalog;

    SegmentsController(SegmentRegistrar registrar, SegmentCatalog catalog) {
        this.registrar = registrar;
        this.catalog = catalog;
    }

    /** 200 with the segment, as Voucherify answers (not 201). The body is read as text so that a bad one gets our 400. */
    @Operation(
            summary = "Create a segment",
            description = "A static segment (customers, at most 20,000 IDs) is DONE at once; "
                    + "an auto-update or passive one (filter) is evaluated by the next run of its job (field job, or the job with "
                    + "api_segments) and stays IN_PROGRESS until then. Answers 200, as Voucherify does.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = NewSegmentJson.class),
                                            examples = {
                                                @ExampleObject(name = "static", value = ApiExamples.NEW_STATIC_SEGMENT),
                                                @ExampleObject(
                                                        name = "auto-update",
                                                        value = ApiExamples.NEW_FILTER_SEGMENT)
                                            })))
    @ApiResponse(
            responseCode = "200",
            description = "The segment",
            content =
                    @Content(
                            schema = @Schema(implementation = SegmentObject.class),
                            examples = @ExampleObject(value = ApiExamples.SEGMENT)))
    @ApiResponse(
            responseCode = "400",
            description = "A bad body, an invalid filter (with its JSON path), a name taken, or over the segment limit",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping
    SegmentObject create(@RequestBody(required = false) String body) {
        return SegmentJson.object(registrar.create(NewSegment.parse(body)));
    }

    @Operation(summary = "Get a segment")
    @ApiResponse(
            responseCode = "200",
            description = "The segment",
            content =
                    @Content(
                            schema = @Schema(implementation = SegmentObject.class),
                            examples = @ExampleObject(value = ApiExamples.SEGMENT)))
    @ApiResponse(
            responseCode = "404",
            description = "No such segment",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiError.class),
                            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @GetMapping("/{id}")
    SegmentObject get(@Parameter(example = "seg_vC8iOSCqUG02EsPzsHynLv8i") @PathVariable String id) {
        return SegmentJson.object(find(catalog, id));
    }

    @Operation(
            summary = "List segments",
            description = "Segments of the API, of job files and the static segments runs cut, a page at a time.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of segments",
            content =
                    @Content(
                            schema = @Schema(implementation = SegmentJson.SegmentList.class),
                            examples = @ExampleObject(value = ApiExamples.SEGMENTS)))
    @ApiResponse(
            responseCode = "400",
            description = "A bad limit, page or order",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping
    SegmentJson.SegmentList list(
            @Parameter(description = "1 to 100 (default 10)", example = "10") @RequestParam(required = false)
                    String limit,
            @Parameter(description = "from 1", example = "1") @RequestParam(required = false) String page,
            @Parameter(description = "created_at or -created_at (default)", example = "-created_at")
                    @RequestParam(required = false)
                    String order) {
        int size = Paging.limit(limit);
        boolean newestFirst = switch (order == null ? "-created_at" : order) {
            case "created_at" -> false;
            case "-created_at" -> true;
            default ->
                throw ApiException.badRequest(
                        "invalid_order", "order must be 'created_at' or '-created_at', found '" + order + "'");
        };
        return new SegmentJson.SegmentList(
                catalog.list(newestFirst, size, Paging.offset(page, size)).stream()
                        .map(SegmentJson::object)
                        .toList(),
                catalog.count());
    }

    /**
     * 204, as Voucherify answers. Voucherify's Java SDK (8.x, retrofit 1.9) cannot read a 204 without
     * {@code Content-Length: 0}, which Tomcat never sends with a 204; so a call that says it comes from that SDK
     * ({@code X-Voucherify-Channel: Java-SDK}) gets {@code 200} with an empty body of length 0 instead.
     */
    @Operation(
            summary = "Delete a segment",
            description = "Only segments created through this API; others are read-only (400 segment_read_only).")
    @ApiResponse(responseCode = "204", description = "Deleted (200 with an empty body for Voucherify's Java SDK)")
    @ApiResponse(
            responseCode = "400",
            description = "A segment of a job file, or a static segment a run cut",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such segment",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiError.class),
                            examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @Parameter(example = "seg_vC8iOSCqUG02EsPzsHynLv8i") @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = CHANNEL, required = false) String channel) {
        registrar.delete(find(catalog, id));
        if (JAVA_SDK.equals(channel)) {
            return ResponseEntity.ok().header(HttpHeaders.CONTENT_LENGTH, "0").build();
        }
        return ResponseEntity.noContent().build();
    }

    static StoredSegment find(SegmentCatalog catalog, String id) {
        return catalog.find(id)
                .orElseThrow(() -> ApiException.notFound("segment", id, "Cannot find segment with id " + id));
    }
}
