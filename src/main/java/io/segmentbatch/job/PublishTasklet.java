package io.segmentbatch.job;

import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.MembershipStore;
import io.segmentbatch.segment.Memberships;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentOutcome;
import io.segmentbatch.segment.SegmentPublisher;
import io.segmentbatch.segment.SegmentType;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The second step of a run, in one transaction: cuts every segment's members into static segments, writes
 * the events of auto-update segments (file and outbox), and stores the report so far. A restart redoes it
 * whole; events keep their IDs.
 */
class PublishTasklet implements Tasklet {
    private final RunContext run;
    private final SegmentPublisher publisher;
    private final MembershipStore store;
    private final ReportAssembler reports;
    private final Runs runs;
    private final Memberships memberships;

    PublishTasklet(RunContext run, SegmentPublisher publisher, MembershipStore store, ReportAssembler reports, Runs runs,
                   Memberships memberships) {
        this.memberships = memberships;
        this.run = run;
        this.publisher = publisher;
        this.store = store;
        this.reports = reports;
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobDefinition definition = run.definition();
        long runNo = run.run().runNo();
        Instant now = Instant.now();
        List<SegmentPublisher.Planned> plan = new ArrayList<>();
        for (SegmentDefinition segment : definition.segments()) {
            CatalogSegment catalog = run.catalog(segment);
            boolean firstEvaluation = catalog.currentRunNo() == null;
            boolean emits = segment.type() == SegmentType.AUTO_UPDATE
                    && !(firstEvaluation && definition.initialEvents() == JobDefinition.InitialEvents.NONE);
            plan.add(new SegmentPublisher.Planned(catalog, emits));
        }
        List<SegmentOutcome> outcomes;
        try (EventWriter events = new EventWriter(run.run().runFolder().resolve(ReportFiles.EVENTS), run.run().runId(), store, now)) {
            cleanSegmentsFolder();
            outcomes = publisher.publish(runNo, run.run().runFolder(), definition.staticSegmentSize(), now, plan, events);
        }
        List<JobReport.SegmentEntry> entries = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (definition.segments().get(i).type().hasFilter()) {
                memberships.recordChunks(runNo, outcomes.get(i));
            }
            entries.add(reports.entry(definition.segments().get(i), outcomes.get(i)));
        }
        List<String> warnings = new ExportReader(run.inputFiles(), definition.format(), definition.metadataSchema()::typeOf,
                definition.timezone()).checkHeaders();
        JobReport report = new JobReport(reports.job(run.run(), definition, "STARTED", null, null),
                reports.input(run.run(), warnings), entries);
        runs.update(runNo, "STARTED", ReportJson.MAPPER.writeValueAsString(report), null);
        return RepeatStatus.FINISHED;
    }

    /** A restarted publish starts from an empty segments folder. */
    private void cleanSegmentsFolder() {
        var folder = run.run().runFolder().resolve("segments");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (var file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + folder, e);
        }
    }
}
