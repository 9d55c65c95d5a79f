package io.segmentbatch.job;

import io.segmentbatch.customer.ExportFormat;
import io.segmentbatch.filter.EvaluationContext;
import io.segmentbatch.filter.FieldType;
import io.segmentbatch.filter.MetadataSchema;
import io.segmentbatch.segment.SegmentDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A job file ({@code jobs/<name>.json}), checked: what to read, when, and which segments to compute.
 *
 * @param source the file as written, kept with each run so that a restart uses the definition it started with
 */
public record JobDefinition(
        String name,
        @Nullable String description,
        @Nullable String inputPath,
        ExportFormat format,
        @Nullable Schedule schedule,
        @Nullable String inbox,
        ZoneId timezone,
        DayOfWeek weekStartsOn,
        MetadataSchema metadataSchema,
        InitialEvents initialEvents,
        int staticSegmentSize,
        int skipLimit,
        boolean apiSegments,
        List<SegmentDefinition> segments,
        JsonNode source) {

    /** What a segment's first evaluation emits. */
    public enum InitialEvents {
        ENTERED,
        NONE
    }

    /** A cron schedule: Spring's six fields, in a time zone. */
    public record Schedule(String cron, ZoneId zone) {
        public Schedule {
            Objects.requireNonNull(cron, "cron");
            Objects.requireNonNull(zone, "zone");
        }
    }

    public JobDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(weekStartsOn, "weekStartsOn");
        Objects.requireNonNull(metadataSchema, "metadataSchema");
        Objects.requireNonNull(initialEvents, "initialEvents");
        if (staticSegmentSize < 1 || staticSegmentSize > SegmentDefinition.MAX_STATIC_CUSTOMERS) {
            throw new IllegalArgumentException("static_segment_size must be 1 to 20,000");
        }
        segments = List.copyOf(segments);
    }

    /** The same job evaluating these segments (its own and those created over the API for it). */
    JobDefinition withSegments(List<SegmentDefinition> evaluated) {
        return new JobDefinition(
                name,
                description,
                inputPath,
                format,
                schedule,
                inbox,
                timezone,
                weekStartsOn,
                metadataSchema,
                initialEvents,
                staticSegmentSize,
                skipLimit,
                apiSegments,
                evaluated,
                source);
    }

    /** What the job's filters evaluate against when "now" is {@code asOf}: its time zone and first day of the week. */
    public EvaluationContext evaluationContext(Instant asOf) {
        return new EvaluationContext(asOf, timezone, weekStartsOn);
    }

    /**
     * The type the job's {@code metadata_schema} gives a metadata key, as an export reader takes it. Every reader of
     * the job's input gets it from here, so that all of them call one class of function: the JIT compiles a reader's
     * code for the classes it has seen there, and the code compiled while the warm-up's reader ran ({@link
     * EarlyScan#warmUp}) was thrown away as soon as the run's reader, given a method reference of another class,
     * came to it (JFR on the 1M bench: a failed class check in {@code CustomerParser.parse} as evaluating began, and
     * the method compiled again).
     */
    public Function<String, FieldType> metadataTypes() {
        return metadataSchema::typeOf;
    }

    public List<SegmentDefinition> filterSegments() {
        return segments.stream().filter(segment -> segment.type().hasFilter()).toList();
    }
}
