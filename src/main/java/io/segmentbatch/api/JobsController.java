package io.segmentbatch.api;

import io.segmentbatch.job.AsOf;
import io.segmentbatch.job.HeldRuns;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.Launch;
import io.segmentbatch.job.LaunchedRun;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunQueries;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.job.RunState;
import io.segmentbatch.job.ServedJobs;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.store.RunReports;
import io.segmentbatch.store.Trigger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/** {@code /v1/jobs}: the served jobs, launching and restarting their runs, and following a run to its report. */
@RestController
@RequestMapping(path = "/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Jobs and runs", description = "The served jobs; launching, following and restarting their runs")
@ApiResponse(
        responseCode = "401",
        description = "X-App-Id / X-App-Token missing or wrong",
        content =
                @Content(
                        schema = @Schema(implementation = ApiError.class),
                        examples = @ExampleObject(value = ApiExamples.UNAUTHORIZED)))
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class JobsController {
    private final ServedJobs jobs;
    private final RunLauncher launcher;
    private final RunQueries queries;
    private final Path output;
    private final HeldRuns held;
    private final RunReports reports;

    JobsController(
            ServedJobs jobs,
            RunLauncher launcher,
            RunQueries queries,
            HeldRuns held,
            RunReports reports,
            @Value("${segment-batch.serve.output:out}") Path output) {
        this.reports = reports;
        this.held = held;
        this.jobs = jobs;
        this.launcher = launcher;
        this.queries = queries;
        this.output = output;
    }

    @Operation(
            summary = "List the served jobs",
            description =
                    "Each job's schedule and next run time, inbox, the run going now, its last run (previews aside), and its runs"
                            + " held by a guard (waiting to be approved or discarded).")
    @ApiResponse(
            responseCode = "200",
            description = "The jobs",
            content =
                    @Content(
                            schema = @Schema(implementation = RunJson.JobList.class),
                            examples = @ExampleObject(value = ApiExamples.JOBS)))
    @GetMapping
    RunJson.JobList list() {
        return new RunJson.JobList(jobs.all().stream()
                .map(job -> RunJson.Job.of(
                        job,
                        launcher.activeRun(job.name()).orElse(null),
                        queries.last(job.name()).orElse(null),
                        queries.heldRunIds(job.name())))
                .toList());
    }

    @Operation(
            summary = "Launch a run of a job",
            description = "Starts the run in the background and answers at once; "
                    + "follow it at the Location. Both body fields are optional: input replaces the job's input.path (inside its "
                    + "input folder or inbox), as_of fixes 'now' for relative-date filters.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = false,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = RunJson.LaunchBody.class),
                                            examples = @ExampleObject(value = ApiExamples.LAUNCH))))
    @ApiResponse(
            responseCode = "202",
            description = "The run, launched",
            content =
                    @Content(
                            schema = @Schema(implementation = RunJson.Run.class),
                            examples = @ExampleObject(value = ApiExamples.RUN)))
    @ApiResponse(
            responseCode = "400",
            description = "A bad input or as_of",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such job",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The job is already running",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiError.class),
                            examples = @ExampleObject(value = ApiExamples.CONFLICT)))
    @ApiResponse(
            responseCode = "503",
            description = "The service is shutting down",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/{name}/runs")
    ResponseEntity<RunJson.Run> launch(
            @Parameter(example = "nightly-segments") @PathVariable String name,
            @RequestBody(required = false) String text) {
        return start(name, text, Trigger.API);
    }

    /** Launches a run (or a dry run) of a served job from a launch body: {@code input} and {@code as_of}, both optional. */
    private ResponseEntity<RunJson.Run> start(String name, String text, Trigger trigger) {
        JobDefinition job = job(name);
        RunJson.LaunchBody body = RunJson.LaunchBody.parse(text);
        String input = body.input() == null ? null : InputPolicy.resolve(job, body.input());
        Instant asOf = body.asOf() == null ? Instant.now() : asOf(body.asOf());
        return accepted(name, launcher.launch(Launch.of(new RunRequest(job, input, output, asOf, trigger))));
    }

    @Operation(
            summary = "Preview a run (dry run)",
            description = "Evaluates the job like a run, in the background, "
                    + "without committing anything: no current membership changes, no event is emitted, no destination is "
                    + "called. The run ends PREVIEW; its report has the members, static segments and entered/left it would "
                    + "cause against the current baseline, the guards it would trip, and under 'preview' which static segments "
                    + "would change. Same body as a launch.")
    @ApiResponse(
            responseCode = "202",
            description = "The preview, launched",
            content = @Content(schema = @Schema(implementation = RunJson.Run.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such job",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The job is already running",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/{name}/preview")
    ResponseEntity<RunJson.Run> preview(
            @Parameter(example = "nightly-segments") @PathVariable String name,
            @RequestBody(required = false) String text) {
        return start(name, text, Trigger.PREVIEW);
    }

    @Operation(
            summary = "List a job's runs",
            description = "Newest first (previews and held runs too), optionally in one status: to find a stopped or"
                    + " failed run's ID to restart it, or a held one's to approve.")
    @ApiResponse(responseCode = "200", description = "The runs")
    @ApiResponse(
            responseCode = "400",
            description = "An unknown status, or a bad limit",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such job",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/{name}/runs")
    RunJson.RunList runs(
            @Parameter(example = "nightly-segments") @PathVariable String name,
            @Parameter(
                            description = "STARTING, STARTED, COMPLETED, FAILED, STOPPED, HELD, DISCARDED or PREVIEW"
                                    + " (any case)")
                    @RequestParam(required = false)
                    @Nullable
                    String status,
            @Parameter(description = "1 to 100, default 10") @RequestParam(required = false) @Nullable String limit) {
        job(name);
        String wanted = status == null
                ? null
                : RunStatus.named(status)
                        .orElseThrow(() -> ApiException.badRequest(
                                "invalid_status",
                                "status must be one of " + java.util.Arrays.toString(RunStatus.values()) + ", found '"
                                        + status + "'"))
                        .name();
        int size = Paging.limit(limit);
        return new RunJson.RunList(
                reports.newestWithoutReports(name, wanted, size).stream()
                        .map(RunJson.RunSummary::of)
                        .toList(),
                reports.count(name, wanted));
    }

    @Operation(
            summary = "Get a run",
            description = "Its status, the counts so far per step, and its report once it ended.")
    @ApiResponse(
            responseCode = "200",
            description = "The run",
            content =
                    @Content(
                            schema = @Schema(implementation = RunJson.Run.class),
                            examples = @ExampleObject(value = ApiExamples.RUN)))
    @ApiResponse(
            responseCode = "404",
            description = "No such job or run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/{name}/runs/{runId}")
    RunJson.Run run(
            @Parameter(example = "nightly-segments") @PathVariable String name,
            @Parameter(example = "run_20261128T023000_Ab12Cd34") @PathVariable String runId) {
        return RunJson.Run.of(state(name, runId));
    }

    @Operation(
            summary = "Restart a failed or stopped run",
            description = "Carries on from its last commit, under the same run ID.")
    @ApiResponse(
            responseCode = "202",
            description = "The run, restarting",
            content =
                    @Content(
                            schema = @Schema(implementation = RunJson.Run.class),
                            examples = @ExampleObject(value = ApiExamples.RUN)))
    @ApiResponse(
            responseCode = "400",
            description = "The run cannot restart (e.g. it completed)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such job or run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The job is already running",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiError.class),
                            examples = @ExampleObject(value = ApiExamples.CONFLICT)))
    @PostMapping("/{name}/runs/{runId}/restart")
    ResponseEntity<RunJson.Run> restart(
            @Parameter(example = "nightly-segments") @PathVariable String name,
            @Parameter(example = "run_20261128T023000_Ab12Cd34") @PathVariable String runId) {
        state(name, runId);
        return accepted(name, launcher.launch(Launch.restartOf(runId)));
    }

    /** Commits a run held by a guard, as if it had completed (with its events and deliveries). */
    @Operation(
            summary = "Approve a held run",
            description =
                    "Commits a run that tripped a guard (status HELD) as if it "
                            + "had completed: its memberships become current, its events go out and its destinations are called.")
    @ApiResponse(
            responseCode = "200",
            description = "The run, now COMPLETED",
            content = @Content(schema = @Schema(implementation = RunJson.Run.class)))
    @ApiResponse(
            responseCode = "400",
            description = "The run is not held, or a later run completed since",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A run of the job is going",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/{name}/runs/{runId}/approve")
    RunJson.Run approve(@PathVariable String name, @PathVariable String runId) {
        state(name, runId);
        held.approve(runId);
        return RunJson.Run.of(state(name, runId));
    }

    /** Drops a run held by a guard. */
    @Operation(
            summary = "Discard a held run",
            description = "Drops a run that tripped a guard (status HELD): its members "
                    + "and events are deleted and nothing becomes current; it stays listed as DISCARDED.")
    @ApiResponse(
            responseCode = "200",
            description = "The run, now DISCARDED",
            content = @Content(schema = @Schema(implementation = RunJson.Run.class)))
    @ApiResponse(
            responseCode = "400",
            description = "The run is not held",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A run of the job is going",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/{name}/runs/{runId}/discard")
    RunJson.Run discard(@PathVariable String name, @PathVariable String runId) {
        state(name, runId);
        held.discard(runId);
        return RunJson.Run.of(state(name, runId));
    }

    private ResponseEntity<RunJson.Run> accepted(String name, LaunchedRun run) {
        RunState state = queries.find(run.runId()).orElseThrow();
        return ResponseEntity.accepted()
                .location(URI.create("/v1/jobs/" + name + "/runs/" + run.runId()))
                .body(RunJson.Run.of(state));
    }

    private JobDefinition job(String name) {
        return jobs.find(name)
                .orElseThrow(() -> ApiException.notFound("job_not_found", "Cannot find job with name " + name + "."));
    }

    private RunState state(String name, String runId) {
        job(name);
        return queries.find(runId)
                .filter(run -> run.jobName().equals(name))
                .orElseThrow(() ->
                        ApiException.notFound("run_not_found", "Cannot find run " + runId + " of job " + name + "."));
    }

    private static Instant asOf(String text) {
        try {
            return AsOf.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_as_of", "$.as_of: " + e.getMessage());
        }
    }
}
