package io.segmentbatch.job;

import io.segmentbatch.customer.FileFailures;
import io.segmentbatch.segment.SegmentLimits;
import org.springframework.scheduling.support.CronExpression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The jobs a long-running service offers: every {@code *.json} file of one folder, loaded and checked together
 * at start. Files are read once; a changed job file takes effect at the next start.
 */
public final class ServedJobs {
    private final Path folder;
    private final Map<String, JobDefinition> jobs;

    private ServedJobs(Path folder, Map<String, JobDefinition> jobs) {
        this.folder = folder;
        this.jobs = jobs;
    }

    /** Loads every job of the folder; throws {@link InvalidDefinitionException} with the errors of all files. */
    public static ServedJobs load(Path folder) {
        List<DefinitionError> errors = new ArrayList<>();
        Map<String, JobDefinition> jobs = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        JobDefinitionLoader loader = new JobDefinitionLoader();
        for (Path file : jobFiles(folder, errors)) {
            try {
                JobDefinition job = loader.load(file);
                Path other = files.putIfAbsent(job.name(), file);
                if (other != null) {
                    errors.add(new DefinitionError(
                            file.toString(),
                            "$.name",
                            "job name '" + job.name() + "' is also used by " + other
                                    + "; names are unique among served jobs"));
                } else {
                    jobs.put(job.name(), job);
                }
            } catch (InvalidDefinitionException e) {
                errors.addAll(e.errors());
            }
        }
        checkAcrossJobs(jobs, files, errors);
        if (errors.isEmpty() && jobs.isEmpty()) {
            errors.add(new DefinitionError(folder.toString(), "$", "no job files (*.json) in the folder"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return new ServedJobs(folder, jobs);
    }

    /**
     * At most one job takes the API's segments; the catalog holds at most 100 filter segments; no two jobs watch one
     * inbox (each would take every file dropped there, and the second to move it would fail).
     */
    private static void checkAcrossJobs(
            Map<String, JobDefinition> jobs, Map<String, Path> files, List<DefinitionError> errors) {
        Map<Path, String> inboxes = new LinkedHashMap<>();
        for (JobDefinition job : jobs.values()) {
            if (job.inbox() == null) {
                continue;
            }
            Path inbox = Path.of(job.inbox()).toAbsolutePath().normalize();
            String other = inboxes.putIfAbsent(inbox, job.name());
            if (other != null) {
                errors.add(new DefinitionError(
                        String.valueOf(files.get(job.name())),
                        "$.inbox",
                        "job " + other + " (" + files.get(other) + ") watches the same inbox, " + inbox
                                + "; each job needs an inbox of its own"));
            }
        }
        List<String> apiJobs = jobs.values().stream()
                .filter(JobDefinition::apiSegments)
                .map(JobDefinition::name)
                .toList();
        for (String name : apiJobs.subList(Math.min(1, apiJobs.size()), apiJobs.size())) {
            errors.add(new DefinitionError(
                    String.valueOf(files.get(name)),
                    "$.api_segments",
                    "job " + apiJobs.get(0)
                            + " already evaluates the API's segments; at most one job may say \"api_segments\": true"));
        }
        int filterSegments = jobs.values().stream()
                .mapToInt(job -> job.filterSegments().size())
                .sum();
        if (!SegmentLimits.filterSegmentsFit(filterSegments)) {
            errors.add(new DefinitionError(
                    String.valueOf(files.values().iterator().next().getParent()),
                    "$.segments",
                    "the jobs have " + filterSegments + " auto-update and passive segments together; at most "
                            + SegmentLimits.MAX_FILTER_SEGMENTS + " are allowed in the catalog (Voucherify's cap)"));
        }
    }

    /** The job that evaluates the API's filter segments that name no job ({@code "api_segments": true}), if any. */
    public Optional<JobDefinition> apiSegmentsJob() {
        return jobs.values().stream().filter(JobDefinition::apiSegments).findFirst();
    }

    /** The auto-update and passive segments of all job files. */
    public int filterSegmentCount() {
        return jobs.values().stream()
                .mapToInt(job -> job.filterSegments().size())
                .sum();
    }

    public Path folder() {
        return folder;
    }

    public List<JobDefinition> all() {
        return List.copyOf(jobs.values());
    }

    public Optional<JobDefinition> find(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** When the job's schedule fires next, in its zone; empty without a schedule. */
    public static Optional<ZonedDateTime> nextRun(JobDefinition job) {
        if (job.schedule() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(CronExpression.parse(job.schedule().cron())
                .next(ZonedDateTime.now(job.schedule().zone())));
    }

    private static List<Path> jobFiles(Path folder, List<DefinitionError> errors) {
        if (!Files.isDirectory(folder)) {
            errors.add(
                    new DefinitionError(folder.toString(), "$", "no such folder (give the jobs folder with --jobs)"));
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(path -> path.getFileName().toString().endsWith(".json") && Files.isRegularFile(path))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            errors.add(new DefinitionError(folder.toString(), "$", "cannot be listed: " + FileFailures.reason(e)));
            return List.of();
        }
    }
}
