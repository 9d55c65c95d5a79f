package io.segmentbatch.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.segmentbatch.filter.JsonLimits;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.RunState;
import io.segmentbatch.job.ServedJobs;
import io.segmentbatch.json.Json;
import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.Times;
import io.segmentbatch.store.RunRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/** The JSON bodies of {@code /v1/jobs}, in snake_case like the report. */
final class RunJson {
    private RunJson() {}

    /** {@code POST /v1/jobs/{name}/runs}: both optional; any other key is refused with its JSON path. */
    record LaunchBody(
            @Nullable String input,
            @JsonProperty("as_of") @Nullable String asOf) {
        private static final List<String> KEYS = List.of("input", "as_of");

        /** An empty body launches with the job's input, as of now. */
        static LaunchBody parse(String body) {
            if (body == null || body.isBlank()) {
                return new LaunchBody(null, null);
            }
            JsonNode root;
            try {
                root = Json.DECIMALS.readTree(body);
            } catch (JacksonException e) {
                throw ApiException.badRequest(
                        "invalid_payload", "The body is not valid JSON: " + JsonLimits.describe(e));
            }
            if (root == null || root.isNull()) {
                return new LaunchBody(null, null);
            }
            if (!root.isObject()) {
                throw ApiException.badRequest(
                        "invalid_payload", "$: expected a JSON object with the optional keys input and as_of");
            }
            for (String key : root.propertyNames()) {
                if (!KEYS.contains(key)) {
                    throw NewSegment.invalid("$." + key, "unknown property (expected " + String.join(", ", KEYS) + ")");
                }
            }
            return new LaunchBody(text(root, "input"), text(root, "as_of"));
        }

        private static @Nullable String text(JsonNode root, String key) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isString()) {
                throw NewSegment.invalid(
                        "$." + key,
                        "expected a string, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return node.asString();
        }
    }

    record JobList(String object, @JsonProperty("data_ref") String dataRef, List<Job> jobs, int total) {
        JobList(List<Job> jobs) {
            this("list", "jobs", jobs, jobs.size());
        }
    }

    @Schema(name = "ServedJob", description = "A job the service runs, with its schedule, inbox, running and last run")
    record Job(
            String object,
            String name,
            @Nullable String description,
            @Nullable Schedule schedule,
            @JsonProperty("next_run_at") @Nullable String nextRunAt,
            @Nullable String inbox,
            @Nullable String input,
            @JsonProperty("active_run_id") @Nullable String activeRunId,
            @JsonProperty("last_run") @Nullable LastRun lastRun,
            @JsonProperty("held_run_ids") List<String> heldRunIds) {
        static Job of(
                JobDefinition job, @Nullable String activeRunId, @Nullable RunRecord last, List<String> heldRunIds) {
            Schedule schedule = job.schedule() == null
                    ? null
                    : new Schedule(job.schedule().cron(), job.schedule().zone().getId());
            return new Job(
                    "job",
                    job.name(),
                    job.description(),
                    schedule,
                    ServedJobs.nextRun(job)
                            .map(next -> Times.format(next.toInstant()))
                            .orElse(null),
                    job.inbox(),
                    job.inputPath(),
                    activeRunId,
                    last == null
                            ? null
                            : new LastRun(
                                    last.runId(), last.status(), last.trigger().json(), Times.format(last.createdAt())),
                    heldRunIds);
        }
    }

    record Schedule(String cron, String zone) {}

    record RunList(String object, @JsonProperty("data_ref") String dataRef, List<RunSummary> runs, long total) {
        RunList(List<RunSummary> runs, long total) {
            this("list", "runs", runs, total);
        }
    }

    @Schema(name = "RunSummary", description = "A run in a list: GET /v1/jobs/{name}/runs/{id} has the rest")
    record RunSummary(
            String object,
            String id,
            String status,
            String trigger,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("finished_at") @Nullable String finishedAt) {
        static RunSummary of(io.segmentbatch.store.StoredRun run) {
            return new RunSummary(
                    "run",
                    run.runId(),
                    run.status(),
                    run.trigger().toLowerCase(java.util.Locale.ROOT),
                    Times.format(run.createdAt()),
                    run.finishedAt() == null ? null : Times.format(run.finishedAt()));
        }
    }

    record LastRun(
            String id,
            String status,
            String trigger,
            @JsonProperty("created_at") String createdAt) {}

    record Run(
            String object,
            String id,
            String job,
            String status,
            String trigger,
            @JsonProperty("input_files") List<String> inputFiles,
            @JsonProperty("as_of") String asOf,
            @JsonProperty("created_at") String createdAt,
            List<Step> steps,
            @Nullable JobReport report) {
        static Run of(RunState state) {
            return new Run(
                    "run",
                    state.runId(),
                    state.jobName(),
                    state.status(),
                    state.trigger().json(),
                    state.inputFiles(),
                    Times.format(state.asOf()),
                    Times.format(state.createdAt()),
                    state.steps().stream().map(Step::of).toList(),
                    state.report());
        }
    }

    record Step(
            String name,
            String status,
            @JsonProperty("read_count") long readCount,
            @JsonProperty("write_count") long writeCount,
            @JsonProperty("skip_count") long skipCount,
            @JsonProperty("commit_count") long commitCount) {
        static Step of(RunState.StepProgress step) {
            return new Step(
                    step.name(),
                    step.status(),
                    step.readCount(),
                    step.writeCount(),
                    step.skipCount(),
                    step.commitCount());
        }
    }
}
