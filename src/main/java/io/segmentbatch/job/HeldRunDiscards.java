package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.report.Times;
import io.segmentbatch.store.Outbox;
import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;

/**
 * Drops a held run, whoever decides it: an operator ({@code discard}), a later run that completed, or the approval
 * of another held run of the job (each was compared with the same baseline, which is then no longer the last). Its
 * events and customers are deleted, its held events file too, and its report, in the database and in its folder,
 * says {@code DISCARDED}; {@link HeldRunSettled} tells the metrics, the HTML report and the inbox. The caller holds the
 * job's lock.
 */
@Component
class HeldRunDiscards {
    private final Runs runs;
    private final RunCustomers customers;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    HeldRunDiscards(
            Runs runs,
            RunCustomers customers,
            Outbox outbox,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.events = events;
        this.runs = runs;
        this.customers = customers;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Discards {@code run}, which is held; returns its report as it now stands. */
    JobReport discard(RunRecord run) {
        JobReport held = ReportFiles.readReport(run.reportJson());
        Instant ended = HeldRuns.ended(held);
        JobReport report = held.withJob(held.job().finished(RunStatus.DISCARDED, Times.format(ended), null));
        transaction.executeWithoutResult(status -> {
            outbox.deleteRun(run.runId());
            runs.update(run.runNo(), RunStatus.DISCARDED, ReportJson.MAPPER.writeValueAsString(report), ended);
        });
        customers.drop(run.runNo());
        try {
            Files.deleteIfExists(run.runFolder().resolve(RunCommitter.HELD_EVENTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the held events of run " + run.runId(), e);
        }
        // its static segment files name the job's live segments: a reader of out/<job>/*/segments must not take
        // members that never became current for theirs
        ReportFiles.deleteSegmentFiles(run.runFolder());
        ReportFiles.writeReport(run.runFolder(), report);
        events.publishEvent(new HeldRunSettled(run.runId(), run.jobName(), RunStatus.DISCARDED.name()));
        return report;
    }
}
