package io.segmentbatch.api;

import io.segmentbatch.report.SegmentObject;
import io.segmentbatch.store.SegmentDirectory;
import io.segmentbatch.segment.StoredSegment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
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
@RequestMapping("/v1/segments")
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class SegmentsController {
    private static final String CHANNEL = "X-Voucherify-Channel";
    private static final String JAVA_SDK = "Java-SDK";

    private final SegmentRegistrar registrar;
    private final SegmentDirectory directory;

    SegmentsController(SegmentRegistrar registrar, SegmentDirectory directory) {
        this.registrar = registrar;
        this.directory = directory;
    }

    /** 200 with the segment, as Voucherify answers (not 201). The body is read as text so that a bad one gets our 400. */
    @PostMapping
    SegmentObject create(@RequestBody(required = false) String body) {
        return SegmentJson.object(registrar.create(NewSegment.parse(body)));
    }

    @GetMapping("/{id}")
    SegmentObject get(@PathVariable String id) {
        return SegmentJson.object(find(directory, id));
    }

    @GetMapping
    SegmentJson.SegmentList list(@RequestParam(required = false) String limit, @RequestParam(required = false) String page,
                                 @RequestParam(required = false) String order) {
        int size = Paging.limit(limit);
        boolean newestFirst = switch (order == null ? "-created_at" : order) {
            case "created_at" -> false;
            case "-created_at" -> true;
            default -> throw ApiException.badRequest("invalid_order", "order must be 'created_at' or '-created_at', found '" + order + "'");
        };
        return new SegmentJson.SegmentList(directory.list(newestFirst, size, Paging.offset(page, size)).stream()
                .map(SegmentJson::object).toList(), directory.count());
    }

    /**
     * 204, as Voucherify answers. Voucherify's Java SDK (8.x, retrofit 1.9) cannot read a 204 without
     * {@code Content-Length: 0}, which Tomcat never sends with a 204; so a call that says it comes from that SDK
     * ({@code X-Voucherify-Channel: Java-SDK}) gets {@code 200} with an empty body of length 0 instead.
     */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestHeader(name = CHANNEL, required = false) String channel) {
        registrar.delete(find(directory, id));
        if (JAVA_SDK.equals(channel)) {
            return ResponseEntity.ok().header(HttpHeaders.CONTENT_LENGTH, "0").build();
        }
        return ResponseEntity.noContent().build();
    }

    static StoredSegment find(SegmentDirectory directory, String id) {
        return directory.find(id).orElseThrow(() -> ApiException.notFound("segment", id,
                "Cannot find segment with id " + id));
    }
}
