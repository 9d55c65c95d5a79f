package io.segmentbatch.api;

import io.segmentbatch.filter.FilterError;
import io.segmentbatch.filter.FilterParser;
import io.segmentbatch.filter.MetadataSchema;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.ServedJobs;
import io.segmentbatch.json.Json;
import io.segmentbatch.segment.SegmentLimits;
import io.segmentbatch.segment.StoredSegment;
import io.segmentbatch.store.SegmentCatalog;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Creates and removes the segments of {@code /v1/segments}, with Voucherify's caps and this service's rules: a
 * filter segment's filter must hold for the schema of the job that evaluates it, its name must be free in that
 * job, and segments from job files are read-only. Creations are serialized, so that two calls cannot both take
 * the 100th filter segment.
 */
@Service
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class SegmentRegistrar {
    private final ServedJobs jobs;
    private final SegmentCatalog catalog;
    private final TransactionTemplate transaction;

    SegmentRegistrar(ServedJobs jobs, SegmentCatalog catalog, PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Committed before the next creation may count the segments. */
    synchronized StoredSegment create(NewSegment request) {
        return transaction.execute(status -> insert(request));
    }

    synchronized void delete(StoredSegment segment) {
        transaction.executeWithoutResult(status -> remove(segment));
    }

    private StoredSegment insert(NewSegment request) {
        Instant now = Instant.now();
        if (!request.type().hasFilter()) {
            return catalog.createStatic(
                    request.name(),
                    Json.DECIMALS.writeValueAsString(request.customers()),
                    java.util.Objects.requireNonNull(request.customers(), "a static segment's customers"),
                    now);
        }
        Optional<JobDefinition> job = evaluatingJob(request.job());
        checkFilter(request, job.map(JobDefinition::metadataSchema).orElse(MetadataSchema.empty()));
        List<StoredSegment> apiSegments = catalog.apiFilterSegments();
        int total = jobs.filterSegmentCount() + apiSegments.size();
        if (!SegmentLimits.filterSegmentsFit(total + 1)) {
            throw ApiException.badRequest(
                    "limit_exceeded",
                    "The catalog already holds " + total
                            + " auto-update and passive segments (job files and API together); at most "
                            + SegmentLimits.MAX_FILTER_SEGMENTS + " are allowed (Voucherify's cap). Delete one first.");
        }
        checkNameIsFree(request, job, apiSegments);
        return catalog.createFilter(
                request.name(), request.type(), Json.DECIMALS.writeValueAsString(request.filter()), request.job(), now);
    }

    private void remove(StoredSegment segment) {
        switch (segment.origin()) {
            case JOB ->
                throw ApiException.badRequest(
                        "segment_read_only",
                        "Segment " + segment.id() + " ('" + segment.name()
                                + "') is defined in the job file of job " + segment.jobName()
                                + "; remove it from that file and restart"
                                + " the service to delete it.");
            case PART ->
                throw ApiException.badRequest(
                        "segment_read_only",
                        "Segment " + segment.id() + " is a static"
                                + " segment that runs cut from a filter segment; it changes with that segment's runs and cannot be deleted alone.");
            case API -> catalog.remove(segment, Instant.now());
        }
    }

    /** The job named by the request (which must be served), or the job with {@code api_segments} (if any). */
    private Optional<JobDefinition> evaluatingJob(@Nullable String name) {
        if (name == null) {
            return jobs.apiSegmentsJob();
        }
        return Optional.of(jobs.find(name)
                .orElseThrow(() -> NewSegment.invalid(
                        "$.job",
                        "no served job is named '" + name + "' (served jobs: "
                                + jobs.all().stream().map(JobDefinition::name).collect(Collectors.joining(", "))
                                + ")")));
    }

    private static void checkFilter(NewSegment request, MetadataSchema schema) {
        List<FilterError> errors = new ArrayList<>();
        if (new FilterParser(schema)
                        .parse(
                                java.util.Objects.requireNonNull(request.filter(), "a filter segment's filter"),
                                "$.filter",
                                errors)
                == null) {
            throw ApiException.badRequest(
                    "invalid_filter", errors.stream().map(FilterError::toString).collect(Collectors.joining("; ")));
        }
    }

    /** Names are unique among the segments one job evaluates: its file's and the API's assigned to it. */
    private void checkNameIsFree(NewSegment request, Optional<JobDefinition> job, List<StoredSegment> apiSegments) {
        String target = job.map(JobDefinition::name).orElse(null);
        String defaultJob = jobs.apiSegmentsJob().map(JobDefinition::name).orElse(null);
        if (job.isPresent()
                && job.get().segments().stream().anyMatch(s -> s.name().equals(request.name()))) {
            throw ApiException.badRequest(
                    "duplicate_segment_name",
                    "$.name: job " + target + " already has a segment named '" + request.name()
                            + "' in its job file; names are unique within a job");
        }
        for (StoredSegment other : apiSegments) {
            String otherTarget = other.apiJob() != null ? other.apiJob() : defaultJob;
            boolean sameJob = Objects.equals(otherTarget, target) || (other.apiJob() == null && request.job() == null);
            if (sameJob && other.name().equals(request.name())) {
                throw ApiException.badRequest(
                        "duplicate_segment_name",
                        "$.name: segment " + other.id() + " of job "
                                + (target == null ? "(the api_segments job, none yet)" : target) + " is already named '"
                                + request.name() + "'; names are unique within a job");
            }
        }
    }
}
