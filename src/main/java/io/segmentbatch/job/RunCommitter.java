package io.segmentbatch.job;

import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.SegmentCatalog;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

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

    RunCommitter(SegmentCatalog catalog, Runs runs, Memberships memberships, Rejects rejects) {
        this.catalog = catalog;
        this.runs = runs;
        this.memberships = memberships;
        this.rejects = rejects;
    }

    JobReport commit(RunContext run, JobReport published, Instant finished) {
        RunRecord record = run.run();
        JobReport report = published.withGuards(null)
                .withJob(published.job().finished("COMPLETED", Times.format(finished), null));
        catalog.makeCurrent(record.runNo(), run.segments().values().stream().map(CatalogSegment::segNo).toList());
        for (JobReport.SegmentEntry entry : report.segments()) {
            if (entry.staticSegments() != null) {
                for (JobReport.StaticSegment part : entry.staticSegments()) {
                    catalog.rename(part.segment().id(), part.segment().name());
                }
            }
        }
        for (SegmentDefinition segment : run.definition().segments()) {
            if (!segment.type().hasFilter()) {
                memberships.replaceStaticMembers(run.catalog(segment).segNo(), segment.customers());
            }
        }
        runs.update(record.runNo(), "COMPLETED", ReportJson.MAPPER.writeValueAsString(report), finished);
        move(record.runFolder().resolve(HELD_EVENTS), record.runFolder().resolve(ReportFiles.EVENTS));
        RunFiles.writeRejects(rejects, record);
        ReportFiles.writeReport(record.runFolder(), report);
        return report;
    }

    /** Holds a published run that tripped a guard: nothing becomes current, its events wait in {@value #HELD_EVENTS}. */
    JobReport hold(RunContext run, JobReport published, java.util.List<JobReport.GuardTrip> trips, Instant finished) {
        RunRecord record = run.run();
        JobReport report = published.withGuards(trips).withJob(published.job().finished("HELD", Times.format(finished), null));
        runs.update(record.runNo(), "HELD", ReportJson.MAPPER.writeValueAsString(report), finished);
        move(record.runFolder().resolve(ReportFiles.EVENTS), record.runFolder().resolve(HELD_EVENTS));
        RunFiles.writeRejects(rejects, record);
        ReportFiles.writeReport(record.runFolder(), report);
        return report;
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
