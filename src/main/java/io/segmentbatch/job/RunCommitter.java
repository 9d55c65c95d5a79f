package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.SegmentCatalog;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a published run current, in the caller's transaction: its memberships become its segments' current ones
 * (the baseline the next run compares against), the static parts take their names, the job's static segments hold
 * what they list, and the run is marked completed with its report and rejects files. The commit step does this for
 * a run that trips no guard, {@code approve} for a held one.
 */
@Component
class RunCommitter {
    /** Where a held run keeps the events it would emit, until it is approved. */
    static final String HELD_EVENTS = "events.held.ndjson";

    private final SegmentCatalog catalog;
    private final Runs runs;
    private final Memberships memberships;
    private final Rejects rejects;
    private final io.segmentbatch.store.Outbox outbox;

    RunCommitter(
            SegmentCatalog catalog,
            Runs runs,
            Memberships memberships,
            Rejects rejects,
            io.segmentbatch.store.Outbox outbox) {
        this.outbox = outbox;
        this.catalog = catalog;
        this.runs = runs;
        this.memberships = memberships;
        this.rejects = rejects;
    }

    /**
     * Commits a published run: a run that tripped no guard as it ends, or a held one when it is approved (its report
     * keeps the guards it tripped, as the reason it was held, and {@code finished} is when it ended, not when it was
     * approved).
     */
    JobReport commit(RunContext run, JobReport published, Instant finished) {
        RunRecord record = run.run();
        JobReport report =
                published.withJob(published.job().finished(RunStatus.COMPLETED, Times.format(finished), null));
        catalog.makeCurrent(
                record.runNo(),
                run.segments().values().stream().map(CatalogSegment::segNo).toList());
        Map<String, String> names = new LinkedHashMap<>();
        for (JobReport.SegmentEntry entry : report.segments()) {
            if (entry.staticSegments() != null) {
                for (JobReport.StaticSegment part : entry.staticSegments()) {
                    names.put(part.segment().id(), part.segment().name());
                }
            }
        }
        catalog.rename(names);
        for (SegmentDefinition segment : run.definition().segments()) {
            if (!segment.type().hasFilter()) {
                memberships.replaceStaticMembers(run.catalog(segment).segNo(), segment.customers());
            }
        }
        runs.update(record.runNo(), RunStatus.COMPLETED, ReportJson.MAPPER.writeValueAsString(report), finished);
        move(record.runFolder().resolve(HELD_EVENTS), record.runFolder().resolve(ReportFiles.EVENTS));
        RunFiles.writeRejects(rejects, record);
        ReportFiles.writeReport(record.runFolder(), report);
        return report;
    }

    /** Holds a published run that tripped a guard: nothing becomes current, its events wait in {@value #HELD_EVENTS}. */
    JobReport hold(RunContext run, JobReport published, java.util.List<JobReport.GuardTrip> trips, Instant finished) {
        RunRecord record = run.run();
        JobReport report = published
                .withGuards(trips)
                .withJob(published.job().finished(RunStatus.HELD, Times.format(finished), null));
        runs.update(record.runNo(), RunStatus.HELD, ReportJson.MAPPER.writeValueAsString(report), finished);
        move(record.runFolder().resolve(ReportFiles.EVENTS), record.runFolder().resolve(HELD_EVENTS));
        RunFiles.writeRejects(rejects, record);
        ReportFiles.writeReport(record.runFolder(), report);
        return report;
    }

    /**
     * Ends a dry run ({@code preview}): nothing becomes current and nothing is emitted (its outbox rows and events
     * file are removed); its report says what committing it would do: the counts, the guards it would trip, and how
     * each static segment would change against the current ones.
     */
    JobReport preview(
            RunContext run, JobReport published, java.util.List<JobReport.GuardTrip> trips, Instant finished) {
        RunRecord record = run.run();
        JobReport report = published
                .withGuards(trips)
                .withPreview(partChanges(run, published))
                .withJob(published.job().finished(RunStatus.PREVIEW, Times.format(finished), null));
        outbox.deleteRun(record.runId());
        runs.update(record.runNo(), RunStatus.PREVIEW, ReportJson.MAPPER.writeValueAsString(report), finished);
        try {
            Files.deleteIfExists(record.runFolder().resolve(ReportFiles.EVENTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the events file of preview " + record.runId(), e);
        }
        RunFiles.writeRejects(rejects, record);
        ReportFiles.writeReport(record.runFolder(), report);
        return report;
    }

    /** Each static part of the dry run against the part of the same number its segment has now: same name and members? */
    private java.util.List<JobReport.PartChange> partChanges(RunContext run, JobReport published) {
        java.util.List<JobReport.PartChange> changes = new java.util.ArrayList<>();
        for (JobReport.SegmentEntry entry : published.segments()) {
            if (entry.staticSegments() == null) {
                continue;
            }
            CatalogSegment segment = run.segments().get(entry.segment().name());
            Long baseline = segment == null ? null : segment.currentRunNo();
            java.util.List<Memberships.CutPart> now = baseline == null || segment == null
                    ? java.util.List.of()
                    : memberships.parts(baseline, segment.segNo());
            Path nowFolder = baseline == null
                    ? null
                    : runs.find(baseline).map(RunRecord::runFolder).orElse(null);
            int parts = Math.max(now.size(), entry.staticSegments().size());
            for (int k = 0; k < parts; k++) {
                JobReport.StaticSegment next = k < entry.staticSegments().size()
                        ? entry.staticSegments().get(k)
                        : null;
                Memberships.CutPart current = k < now.size() ? now.get(k) : null;
                String change = next == null
                        ? "REMOVED"
                        : current == null
                                ? "NEW"
                                : current.name().equals(next.segment().name())
                                                && sameFile(
                                                        nowFolder,
                                                        current.file(),
                                                        run.run().runFolder(),
                                                        next.file())
                                        ? "UNCHANGED"
                                        : "CHANGED";
                // next == null: a part only the current run has, so current != null
                changes.add(new JobReport.PartChange(
                        entry.segment().name(),
                        next != null
                                ? next.segment().name()
                                : java.util.Objects.requireNonNull(current).name(),
                        next != null
                                ? next.segment().id()
                                : java.util.Objects.requireNonNull(current).id(),
                        change,
                        next == null ? null : next.customersCount()));
            }
        }
        return changes;
    }

    private static boolean sameFile(@Nullable Path folder, String file, Path otherFolder, String otherFile) {
        try {
            return folder != null && Files.mismatch(folder.resolve(file), otherFolder.resolve(otherFile)) == -1;
        } catch (IOException e) {
            return false; // the current part's file is gone: say it changes
        }
    }

    private static void move(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }
}
