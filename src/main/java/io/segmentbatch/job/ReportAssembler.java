package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.SegmentObject;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Builds the parts of a run's report from the run and what its steps stored. */
@Component
class ReportAssembler {
    private final JdbcTemplate jdbc;

    ReportAssembler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    JobReport.Job job(RunRecord run, JobDefinition definition, String status, Instant finishedAt, String error) {
        return new JobReport.Job(run.jobName(), run.runId(), status, run.trigger().json(), Times.format(run.createdAt()),
                Times.format(finishedAt), Times.format(run.asOf()), definition.timezone().getId(), error);
    }

    JobReport.Input input(RunRecord run, List<String> warnings) {
        long customers = count("SELECT COUNT(*) FROM sb_run_customer WHERE run_no = ?", run.runNo());
        long rejected = count("SELECT COUNT(*) FROM sb_reject WHERE run_no = ?", run.runNo());
        return new JobReport.Input(run.inputFiles(), customers + rejected, customers, rejected, warnings);
    }

    JobReport.SegmentEntry entry(SegmentDefinition definition, SegmentOutcome outcome) {
        SegmentObject segment = object(outcome.segment(), definition.filterJson(), "DONE");
        if (!definition.type().hasFilter()) {
            return new JobReport.SegmentEntry(segment, outcome.members(), null, null, null, null, outcome.file());
        }
        List<JobReport.StaticSegment> chunks = outcome.chunks().stream()
                .map(chunk -> new JobReport.StaticSegment(new SegmentObject(chunk.segment().id(), chunk.name(),
                        Times.format(chunk.segment().createdAt()), "static", null, "DONE"), chunk.customers(), chunk.file()))
                .toList();
        return new JobReport.SegmentEntry(segment, outcome.members(), outcome.entered(), outcome.left(),
                outcome.eventsEmitted(), chunks, null);
    }

    static SegmentObject object(CatalogSegment segment, JsonNode filter, String syncStatus) {
        return new SegmentObject(segment.id(), segment.name(), Times.format(segment.createdAt()), segment.type().json(),
                filter, syncStatus);
    }

    private long count(String sql, long runNo) {
        Long count = jdbc.queryForObject(sql, Long.class, runNo);
        return count == null ? 0 : count;
    }
}
