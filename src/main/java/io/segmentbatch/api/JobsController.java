package io.segmentbatch.api;

import io.segmentbatch.store.Trigger;
import io.segmentbatch.job.HeldRuns;
import io.segmentbatch.job.AsOf;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.LaunchedRun;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunQueries;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.job.RunState;
import io.segmentbatch.job.ServedJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/** {@code /v1/jobs}: the served jobs, launching and restarting their runs, and following a run to its report. */
@RestController
@RequestMapping("/v1/jobs")
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class JobsController {
    private final ServedJobs jobs;
    private final RunLauncher launcher;
    private final RunQueries queries;
    private final Path output;
    private final HeldRuns held;

    JobsController(ServedJobs jobs, RunLauncher launcher, RunQueries queries, HeldRuns held,
                   @Value("${segment-batch.serve.output:out}") Path output) {
        this.held = held;
        this.jobs = jobs;
        this.launcher = launcher;
        this.queries = queries;
        this.output = output;
    }

    @GetMapping
    RunJson.JobList list() {
        return new RunJson.JobList(jobs.all().stream()
                .map(job -> RunJson.Job.of(job, launcher.activeRun(job.name()).orElse(null),
                        queries.last(job.name()).orElse(null)))
                .toList());
    }

    @PostMapping("/{name}/runs")
    ResponseEntity<RunJson.Run> launch(@PathVariable String name, @RequestBody(required = false) String text) {
        JobDefinition job = job(name);
        RunJson.LaunchBody body = RunJson.LaunchBody.parse(text);
        String input = body.input() == null ? null : InputPolicy.resolve(job, body.input());
        Instant asOf = body.asOf() == null ? Instant.now() : asOf(body.asOf());
        LaunchedRun run = launcher.launch(new RunRequest(job, input, output, asOf, Trigger.API));
        return accepted(name, run);
    }

    @GetMapping("/{name}/runs/{runId}")
    RunJson.Run run(@PathVariable String name, @PathVariable String runId) {
        return RunJson.Run.of(state(name, runId));
    }

    @PostMapping("/{name}/runs/{runId}/restart")
    ResponseEntity<RunJson.Run> restart(@PathVariable String name, @PathVariable String runId) {
        state(name, runId);
        return accepted(name, launcher.launchRestart(runId));
    }

    /** Commits a run held by a guard, as if it had completed (with its events and deliveries). */
    @PostMapping("/{name}/runs/{runId}/approve")
    RunJson.Run approve(@PathVariable String name, @PathVariable String runId) {
        state(name, runId);
        held.approve(runId);
        return RunJson.Run.of(state(name, runId));
    }

    /** Drops a run held by a guard. */
    @PostMapping("/{name}/runs/{runId}/discard")
    RunJson.Run discard(@PathVariable String name, @PathVariable String runId) {
        state(name, runId);
        held.discard(runId);
        return RunJson.Run.of(state(name, runId));
    }

    private ResponseEntity<RunJson.Run> accepted(String name, LaunchedRun run) {
        RunState state = queries.find(run.runId()).orElseThrow();
        return ResponseEntity.accepted().location(URI.create("/v1/jobs/" + name + "/runs/" + run.runId()))
                .body(RunJson.Run.of(state));
    }

    private JobDefinition job(String name) {
        return jobs.find(name).orElseThrow(() -> ApiException.notFound("job_not_found",
                "Cannot find job with name " + name + "."));
    }

    private RunState state(String name, String runId) {
        job(name);
        return queries.find(runId).filter(run -> run.jobName().equals(name))
                .orElseThrow(() -> ApiException.notFound("run_not_found", "Cannot find run " + runId + " of job " + name + "."));
    }

    private static Instant asOf(String text) {
        try {
            return AsOf.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_as_of", "$.as_of: " + e.getMessage());
        }
    }
}
