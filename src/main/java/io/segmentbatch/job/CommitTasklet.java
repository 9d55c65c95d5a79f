package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.MembershipStore;
import io.segmentbatch.segment.SegmentCatalog;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/**
 * The last step of a run, in one transaction: the run's memberships become its segments' current ones (the
 * baseline the next run compares against), the run is marked completed, and the report and rejects files
 * are written. Rows of older runs that no segment points to any more are removed.
 */
class CommitTasklet implements Tasklet {
    private final RunContext run;
    private final SegmentCatalog catalog;
    private final Runs runs;
    private final JdbcTemplate jdbc;
    private final MembershipStore store;

    CommitTasklet(RunContext run, SegmentCatalog catalog, Runs runs, JdbcTemplate jdbc, MembershipStore store) {
        this.store = store;
        this.run = run;
        this.catalog = catalog;
        this.runs = runs;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunRecord record = runs.find(run.run().runId()).orElseThrow();
        long runNo = record.runNo();
        Instant finished = Instant.now();
        JobReport report = ReportFiles.readReport(record.reportJson());
        report = report.withJob(report.job().finished("COMPLETED", io.segmentbatch.report.Times.format(finished), null));
        catalog.makeCurrent(runNo, run.segments().values().stream().map(CatalogSegment::segNo).toList());
        for (JobReport.SegmentEntry entry : report.segments()) {
            if (entry.staticSegments() != null) {
                for (JobReport.StaticSegment chunk : entry.staticSegments()) {
                    jdbc.update("UPDATE sb_segment SET name = ? WHERE id = ?", chunk.segment().name(), chunk.segment().id());
                }
            }
        }
        String json = ReportJson.MAPPER.writeValueAsString(report);
        runs.update(runNo, "COMPLETED", json, finished);
        purgeSupersededRuns(runNo, record.jobName());
        RunFiles.writeRejects(jdbc, record);
        ReportFiles.writeReport(record.runFolder(), report);
        return RepeatStatus.FINISHED;
    }

    /** Member and customer rows of this job's earlier runs that are nobody's baseline any more. */
    private void purgeSupersededRuns(long runNo, String jobName) {
        List<Long> superseded = jdbc.queryForList("SELECT r.run_no FROM sb_run r WHERE r.job_name = ? AND r.run_no < ?"
                + " AND NOT EXISTS (SELECT 1 FROM sb_segment s WHERE s.current_run_no = r.run_no AND s.removed_at IS NULL)"
                + " AND EXISTS (SELECT 1 FROM sb_run_customer c WHERE c.run_no = r.run_no)", Long.class, jobName, runNo);
        superseded.forEach(store::dropRun);
    }
}
