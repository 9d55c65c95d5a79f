package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.report.SegmentObject;
import io.segmentbatch.report.Times;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentOutcome;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.RunRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** Builds the parts of a run's report from the run and what its steps stored. */
@Component
class ReportAssembler {
    private final RunCustomers customers;
    private final Rejects rejects;

    ReportAssembler(RunCustomers customers, Rejects rejects) {
        this.customers = customers;
        this.rejects = rejects;
    }

    JobReport.Job job(
            RunRecord run,
            JobDefinition definition,
            RunStatus status,
            @Nullable Instant finishedAt,
            @Nullable String error) {
        return new JobReport.Job(
                run.jobName(),
                run.runId(),
                status.name(),
                run.trigger().json(),
                Times.format(run.createdAt()),
                Times.format(finishedAt),
                Times.format(run.asOf()),
                definition.timezone().getId(),
                error);
    }

    JobReport.Input input(RunRecord run, List<String> warnings) {
        return input(run, warnings, customers.count(run.runNo()));
    }

    /** The report's input section, for {@code stored} customers (the publish step counts them as it reads them). */
    JobReport.Input input(RunRecord run, List<String> warnings, long stored) {
        long rejected = rejects.count(run.runNo());
        return new JobReport.Input(run.inputFiles(), stored + rejected, stored, rejected, warnings);
    }

    JobReport.SegmentEntry entry(SegmentDefinition definition, SegmentOutcome outcome) {
        SegmentObject segment = object(outcome.segment(), definition.filterJson(), "DONE");
        if (!definition.type().hasFilter()) {
            return new JobReport.SegmentEntry(segment, outcome.members(), null, null, null, null, outcome.file());
        }
        List<JobReport.StaticSegment> parts = outcome.parts().stream()
                .map(part -> new JobReport.StaticSegment(
                        new SegmentObject(
                                part.segment().id(),
                                java.util.Objects.requireNonNull(part.name(), "a static segment's name"),
                                Times.format(part.segment().createdAt()),
                                "static",
                                null,
                                "DONE"),
                        part.customers(),
                        part.file()))
                .toList();
        return new JobReport.SegmentEntry(
                segment, outcome.members(), outcome.entered(), outcome.left(), outcome.eventsEmitted(), parts, null);
    }

    static SegmentObject object(CatalogSegment segment, @Nullable JsonNode filter, String syncStatus) {
        return new SegmentObject(
                segment.id(),
                segment.name(),
                Times.format(segment.createdAt()),
                segment.type().json(),
                filter,
                syncStatus);
    }
}
