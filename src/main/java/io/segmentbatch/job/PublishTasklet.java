package io.segmentbatch.job;

import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.destination.DestinationsSection;
import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.report.SegmentEvent;
import io.segmentbatch.segment.CatalogSegment;
import io.segmentbatch.segment.CustomerCursor;
import io.segmentbatch.segment.RunPublisher;
import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentOutcome;
import io.segmentbatch.segment.SegmentType;
import io.segmentbatch.segment.StoredCustomer;
import io.segmentbatch.store.Memberships;
import io.segmentbatch.store.Outbox;
import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.Runs;
import io.segmentbatch.store.SegmentCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes a run in one transaction: one ordered pass over its customers, merged with the baseline's, cuts every
 * segment's members into static segment files, writes the events of auto-update segments (to the file, and to the
 * outbox those of the types that the job's destinations deliver, or all of them: {@link OutboxScope}), and stores
 * the report so far. A restart redoes it whole; events keep their IDs.
 */
class PublishTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);

    private final RunContext run;
    private final SegmentCatalog catalog;
    private final RunCustomers customers;
    private final Outbox outbox;
    private final OutboxScope outboxScope;
    private final ReportAssembler reports;
    private final Runs runs;
    private final Memberships memberships;

    PublishTasklet(
            RunContext run,
            SegmentCatalog catalog,
            RunCustomers customers,
            Outbox outbox,
            OutboxScope outboxScope,
            ReportAssembler reports,
            Runs runs,
            Memberships memberships) {
        this.run = run;
        this.catalog = catalog;
        this.customers = customers;
        this.outbox = outbox;
        this.outboxScope = outboxScope;
        this.reports = reports;
        this.runs = runs;
        this.memberships = memberships;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobDefinition definition = run.definition();
        long runNo = run.run().runNo();
        Instant now = Instant.now();
        List<RunPublisher.Planned> plan = plan(definition, runNo);
        List<SegmentOutcome> outcomes;
        long customersStored;
        PartSegments parts = new PartSegments(
                catalog,
                plan.stream()
                        .filter(planned -> planned.bit() >= 0)
                        .map(RunPublisher.Planned::segment)
                        .toList(),
                now);
        Set<String> stored = outboxScope == OutboxScope.ALL
                ? Set.of(SegmentEvent.ENTERED, SegmentEvent.LEFT)
                : DestinationsSection.deliveredEvents(
                        run.run().jobName(), run.run().definitionJson());
        try (EventWriter events = new EventWriter(
                run.run().runFolder().resolve(ReportFiles.EVENTS), run.run().runId(), outbox, stored, now)) {
            // the events stream into the transaction's connection: it is handed back before each other statement
            RunPublisher publisher = new RunPublisher(new RunPublisher.Sources() {
                @Override
                public CustomerCursor sorted(long number, boolean contacts) {
                    return customers.sorted(number, contacts);
                }

                @Override
                public CatalogSegment part(CatalogSegment parent, int k) {
                    return parts.part(parent, k);
                }

                @Override
                public Map<String, StoredCustomer> find(long number, List<String> keys) {
                    events.pause();
                    return customers.find(number, keys);
                }
            });
            // a restarted publish starts from an empty segments folder
            ReportFiles.deleteSegmentFiles(run.run().runFolder());
            outcomes = publisher.publish(runNo, run.run().runFolder(), definition.staticSegmentSize(), plan, events);
            customersStored = publisher.customers();
        }
        outcomes = parts.store(outcomes);
        List<JobReport.SegmentEntry> entries = new ArrayList<>();
        List<Memberships.SegmentBit> bits = new ArrayList<>();
        List<SegmentOutcome> cut = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            SegmentOutcome outcome = outcomes.get(i);
            if (definition.segments().get(i).type().hasFilter()) {
                cut.add(outcome);
                bits.add(new Memberships.SegmentBit(
                        outcome.segment().segNo(), plan.get(i).bit(), outcome.members()));
            }
            entries.add(reports.entry(definition.segments().get(i), outcome));
        }
        memberships.recordParts(runNo, cut);
        memberships.recordBits(runNo, bits);
        List<String> warnings = new ExportReader(
                        run.inputFiles(), definition.format(), definition.metadataTypes(), definition.timezone())
                .checkHeaders();
        JobReport report = new JobReport(
                reports.job(run.run(), definition, RunStatus.STARTED, null, null),
                reports.input(run.run(), warnings, customersStored),
                entries);
        runs.update(runNo, RunStatus.STARTED, ReportJson.MAPPER.writeValueAsString(report), null);
        return RepeatStatus.FINISHED;
    }

    /** Each segment of the job with its bit, its baseline (the run whose members are current) and whether it emits. */
    private List<RunPublisher.Planned> plan(JobDefinition definition, long runNo) {
        List<RunPublisher.Planned> plan = new ArrayList<>();
        // most segments share one baseline run: its bits and whether its customers are kept, read once for them all
        Map<Long, Map<Long, Integer>> bitsByRun = new HashMap<>();
        Map<Long, Boolean> kept = new HashMap<>();
        int bit = 0;
        for (SegmentDefinition segment : definition.segments()) {
            CatalogSegment catalogSegment = run.catalog(segment);
            if (!segment.type().hasFilter()) {
                plan.add(new RunPublisher.Planned(catalogSegment, -1, null, -1, false, segment.customers()));
                continue;
            }
            Long current = catalogSegment.currentRunNo();
            Long baseline = current == null || current == runNo ? null : current;
            int baselineBit = baseline == null
                    ? -1
                    : bitsByRun.computeIfAbsent(baseline, memberships::bitsOf).getOrDefault(catalogSegment.segNo(), -1);
            if (baseline != null && (baselineBit < 0 || !kept.computeIfAbsent(baseline, customers::exists))) {
                log.warn(
                        "run {}: the members of segment {} in its last run {} are gone; it is compared with no one",
                        run.run().runId(),
                        catalogSegment.id(),
                        baseline);
                baseline = null;
            }
            boolean emits = segment.type() == SegmentType.AUTO_UPDATE
                    && !(baseline == null && definition.initialEvents() == JobDefinition.InitialEvents.NONE);
            plan.add(new RunPublisher.Planned(catalogSegment, bit++, baseline, baselineBit, emits, List.of()));
        }
        return plan;
    }
}
