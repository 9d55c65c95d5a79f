package io.segmentbatch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * The job report ({@code report.json}), fields in the order README.md shows them ("Outputs"). {@code guards} is there for a held run;
 * {@code destinations} once a committed run was handed to the destinations of its job.
 */
@JsonPropertyOrder({"object", "job", "input", "segments", "guards", "destinations", "preview"})
public record JobReport(
        String object,
        Job job,
        Input input,
        List<SegmentEntry> segments,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<GuardTrip> guards,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<DestinationEntry> destinations,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<PartChange> preview) {

    public JobReport(String object, Job job, Input input, List<SegmentEntry> segments) {
        this(object, job, input, segments, null, null, null);
    }

    public JobReport(
            String object,
            Job job,
            Input input,
            List<SegmentEntry> segments,
            @Nullable List<GuardTrip> guards,
            @Nullable List<DestinationEntry> destinations) {
        this(object, job, input, segments, guards, destinations, null);
    }

    /** A dry run's report: how each static segment would change against the current ones. */
    public JobReport withPreview(List<PartChange> changes) {
        return new JobReport(object, job, input, segments, guards, destinations, List.copyOf(changes));
    }

    /**
     * What committing a dry run would do to one static segment of a filter segment: {@code NEW} (a part it does not
     * have now), {@code CHANGED} (other members or name), {@code UNCHANGED}, or {@code REMOVED} (a part that would go).
     */
    @JsonPropertyOrder({"segment", "static_segment", "id", "change", "customers_count"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartChange(
            String segment,
            @JsonProperty("static_segment") String staticSegment,
            String id,
            String change,
            @JsonProperty("customers_count") @Nullable Long customersCount) {}

    public JobReport(Job job, Input input, List<SegmentEntry> segments) {
        this("segmentation_report", job, input, segments, null, null, null);
    }

    public JobReport withJob(Job newJob) {
        return new JobReport(object, newJob, input, segments, guards, destinations, preview);
    }

    public JobReport withDestinations(List<DestinationEntry> newDestinations) {
        return new JobReport(object, job, input, segments, guards, newDestinations, preview);
    }

    /** The report of a held run: which guards tripped (null for a run that tripped none). */
    public JobReport withGuards(@Nullable List<GuardTrip> trips) {
        return new JobReport(
                object,
                job,
                input,
                segments,
                trips == null || trips.isEmpty() ? null : List.copyOf(trips),
                destinations,
                preview);
    }

    /**
     * A guard a run tripped: its job key, the segment it is about (for {@code max_left_ratio}), the limit, the
     * figure the run had, and what it means.
     */
    @JsonPropertyOrder({"guard", "segment", "limit", "value", "message"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GuardTrip(String guard, @Nullable String segment, double limit, double value, String message) {}

    /**
     * What one destination did with the run. {@code status}: DONE, FAILED (with {@code error}), or PENDING (not
     * finished yet). A voucherify destination lists each segment's remote segments and the replaced ones it
     * deleted; an event destination counts the run's events by delivery state.
     */
    @JsonPropertyOrder({"name", "type", "status", "error", "segments", "deleted", "events"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DestinationEntry(
            String name,
            String type,
            String status,
            @Nullable String error,
            @Nullable List<PushedSegment> segments,
            @Nullable List<String> deleted,
            java.util.@Nullable Map<String, Long> events) {}

    /** One segment of the run at a voucherify destination: the remote IDs of its static segments. */
    @JsonPropertyOrder({"id", "name", "status", "remote_ids", "error", "static_segments"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PushedSegment(
            String id,
            String name,
            String status,
            @JsonProperty("remote_ids") List<String> remoteIds,
            @Nullable String error,
            @JsonProperty("static_segments") List<PushedPart> staticSegments) {}

    /** One static segment: DONE (created), KEPT (unchanged, the previous remote segment stays), FAILED or PENDING. */
    @JsonPropertyOrder({"id", "name", "status", "remote_id", "error"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PushedPart(
            String id,
            String name,
            String status,
            @JsonProperty("remote_id") @Nullable String remoteId,
            @Nullable String error) {}

    /** The run. {@code error} is there only for a failed or stopped run. */
    @JsonPropertyOrder({"name", "run_id", "status", "trigger", "started_at", "finished_at", "as_of", "timezone", "error"
    })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Job(
            String name,
            @JsonProperty("run_id") String runId,
            String status,
            String trigger,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("finished_at") @Nullable String finishedAt,
            @JsonProperty("as_of") String asOf,
            String timezone,
            @Nullable String error) {
        public Job finished(RunStatus newStatus, String finished, @Nullable String newError) {
            return new Job(name, runId, newStatus.name(), trigger, startedAt, finished, asOf, timezone, newError);
        }
    }

    @JsonPropertyOrder({"files", "rows_read", "customers", "rows_rejected", "warnings"})
    public record Input(
            List<String> files,
            @JsonProperty("rows_read") long rowsRead,
            long customers,
            @JsonProperty("rows_rejected") long rowsRejected,
            List<String> warnings) {}

    /**
     * One segment of the job. Filter segments carry the change counts and their static segments; a static
     * segment of the job carries its file instead.
     */
    @JsonPropertyOrder({"segment", "customers_count", "entered", "left", "events_emitted", "static_segments", "file"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SegmentEntry(
            SegmentObject segment,
            @JsonProperty("customers_count") long customersCount,
            @Nullable Long entered,
            @Nullable Long left,
            @JsonProperty("events_emitted") @Nullable Long eventsEmitted,
            @JsonProperty("static_segments") @Nullable List<StaticSegment> staticSegments,
            @Nullable String file) {}

    @JsonPropertyOrder({"segment", "customers_count", "file"})
    public record StaticSegment(
            SegmentObject segment,
            @JsonProperty("customers_count") long customersCount,
            String file) {}
}
