package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.SegmentCatalog;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Instant;

/**
 * The last step of a run, in one transaction: the run's memberships become its segments' current ones (the
 * baseline the next run compares against), the static parts take their names, the job's static segments hold
 * what they list, the run is marked completed, and the report and rejects files are written. The tables of
 * older runs are dropped after the job ends (see {@link RunStatusListener}).
 */
class CommitTasklet implements Tasklet {
    private final RunContext run;
    private final SegmentCatalog catalog;
    private final Runs runs;
    private final Memberships memberships;
    private final Rejects rejects;

    CommitTasklet(RunContext run, SegmentCatalog catalog, Runs runs, Memberships memberships, Rejects rejects) {
        this.run = run;
        this.catalog = catalog;
        this.runs = runs;
        this.memberships = memberships;
        this.rejects = rejects;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunRecord record = runs.find(run.run().runId()).orElseThrow();
        long runNo = record.runNo();
        Instant finished = Instant.now();
        JobReport report = ReportFiles.readReport(record.reportJson());
        report = report.withJob(report.job().finished("COMPLETED", Times.format(finished), null));
        catalog.makeCurrent(runNo, run.segments().values().stream().map(CatalogSegment::segNo).toList());
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
        runs.update(runNo, "COMPLETED", ReportJson.MAPPER.writeValueAsString(report), finished);
        RunFiles.writeRejects(rejects, record);
        ReportFiles.writeReport(record.runFolder(), report);
        return RepeatStatus.FINISHED;
    }
}
