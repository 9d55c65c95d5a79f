package io.segmentbatch.api;

import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.SegmentDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
@RequestMapping("/v1/customers")
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class CustomersController {
    private final SegmentDirectory directory;
    private final Memberships memberships;

    CustomersController(SegmentDirectory directory, Memberships memberships) {
        this.directory = directory;
        this.memberships = memberships;
    }

    /** {@code id}: the customer's identity, its {@code id}, or its {@code source_id} when the export gave it no id. */
    @GetMapping("/{id}/segments")
    SegmentJson.SegmentRefList segments(@PathVariable String id) {
        return new SegmentJson.SegmentRefList(memberships.segmentsOf(id).stream().map(SegmentJson.SegmentRef::of).toList());
    }

    /** A segment's members in identity order, a page at a time. */
    @GetMapping
    SegmentJson.CustomerList customers(@RequestParam(name = "segment_id", required = false) String segmentId,
                                       @RequestParam(required = false) String limit, @RequestParam(required = false) String page) {
        if (segmentId == null || segmentId.isBlank()) {
            throw ApiException.badRequest("missing_segment_id", "Give segment_id: this service lists customers by segment"
                    + " (GET /v1/customers?segment_id=seg_…).");
        }
        int size = Paging.limit(limit);
        long offset = Paging.offset(page, size);
        Memberships.Page members = memberships.members(SegmentsController.find(directory, segmentId), size, offset);
        return new SegmentJson.CustomerList(members.members().stream().map(SegmentJson.Customer::of).toList(),
                members.total(), offset + members.members().size() < members.total());
    }
}
