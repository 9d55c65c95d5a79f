package io.segmentbatch.destination;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.ReportJson;
import io.segmentbatch.report.ReportRewritten;
import io.segmentbatch.store.Deliveries;
import io.segmentbatch.store.DestinationRuns;
import io.segmentbatch.store.RunSnapshot;
import io.segmentbatch.store.SegmentLedger;
import io.segmentbatch.store.SegmentLedger.PartRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the report's {@code destinations} section (in {@code sb_run.report_json} and {@code report.json}). */
@Component
class DestinationReports {
    private static final Logger log = LoggerFactory.getLogger(DestinationReports.class);

    private final DestinationRuns runs;
    private final SegmentLedger ledger;
    private final Deliveries deliveries;

    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    DestinationReports(
            DestinationRuns runs,
            SegmentLedger ledger,
            Deliveries deliveries,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.runs = runs;
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    /** The destinations section as the store has it now, without writing it. */
    List<JobReport.DestinationEntry> entries(RunSnapshot run, List<DestinationSpec> specs) {
        return specs.stream().map(spec -> entry(run.runId(), spec)).toList();
    }

    /**
     * Rewrites the section from the store, holding the run's row: two processes delivering to different destinations
     * of one run (serve's dispatcher and a run beside it) would otherwise each write what they read before the other
     * committed, and the last report written could keep a destination's older state.
     */
    synchronized List<JobReport.DestinationEntry> write(RunSnapshot run, List<DestinationSpec> specs) {
        List<JobReport.DestinationEntry> written = transaction.execute(status -> {
            runs.lockRun(run.runId());
            List<JobReport.DestinationEntry> entries = entries(run, specs);
            RunSnapshot current = runs.run(run.runId()).orElse(run);
            JobReport report = ReportFiles.readReport(current.reportJson()).withDestinations(entries);
            runs.updateReport(run.runId(), ReportJson.MAPPER.writeValueAsString(report));
            try {
                ReportFiles.writeReport(run.runFolder(), report);
            } catch (RuntimeException e) {
                log.warn("run {}: report.json not updated: {}", run.runId(), e.getMessage());
            }
            // still holding the run's row, so that report.html, like report.json, ends as the last writer saw it
            events.publishEvent(new ReportRewritten(run.runId()));
            return entries;
        });
        return written != null ? written : List.of();
    }

    private JobReport.DestinationEntry entry(String runId, DestinationSpec spec) {
        var row = runs.find(runId, spec.key());
        String state = row.map(DestinationRuns.DestRunRow::state).orElse("WAITING");
        String status = switch (state) {
            case "DONE", "FAILED", "SUPERSEDED" -> state;
            default -> "PENDING";
        };
        String error = row.map(DestinationRuns.DestRunRow::error).orElse(null);
        if (spec instanceof DestinationSpec.Voucherify) {
            List<String> deleted = ledger.deletionsOfRun(runId).stream()
                    .filter(d -> d[0].equals(spec.key()) && "DELETED".equals(d[2]))
                    .map(d -> d[1])
                    .toList();
            return new JobReport.DestinationEntry(
                    spec.key(), spec.type(), status, error, segments(spec.key(), runId), deleted, null);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of("PENDING", "DELIVERED", "DEAD")) {
            counts.put(
                    s.toLowerCase(Locale.ROOT),
                    deliveries.countsOfRun(runId, spec.key()).getOrDefault(s, 0L));
        }
        long pending = counts.getOrDefault("pending", 0L);
        long dead = counts.getOrDefault("dead", 0L);
        if ("DONE".equals(status) && (pending > 0 || dead > 0)) {
            status = dead > 0 ? "FAILED" : "PENDING";
            // the last try's error says why (a receiver down, a secret's variable not set), not only that it failed
            String lastError = deliveries
                    .lastErrorOfRun(runId, spec.key())
                    .map(last -> " (last error: " + last + ")")
                    .orElse("");
            error = dead > 0
                    ? dead + " event(s) dead after their last try" + lastError
                            + "; segment-batch deliveries redeliver --destination '" + spec.key()
                            + "' sends them again (deliveries list --state dead lists them)"
                    : lastError.isEmpty() ? null : pending + " event(s) waiting for their next try" + lastError;
        }
        return new JobReport.DestinationEntry(spec.key(), spec.type(), status, error, null, null, counts);
    }

    /** Per segment of the run: its static segments' remote IDs and states. */
    private List<JobReport.PushedSegment> segments(String destKey, String runId) {
        Map<String, List<PartRow>> byParent = new LinkedHashMap<>();
        for (PartRow part : ledger.parts(destKey, runId)) {
            byParent.computeIfAbsent(part.parentId(), id -> new ArrayList<>()).add(part);
        }
        List<JobReport.PushedSegment> segments = new ArrayList<>();
        for (List<PartRow> parts : byParent.values()) {
            List<JobReport.PushedPart> pushed = parts.stream()
                    .map(part -> new JobReport.PushedPart(
                            part.localId(),
                            part.name(),
                            partStatus(part.state()),
                            part.remoteId(),
                            "FAILED".equals(part.state()) ? part.error() : null))
                    .toList();
            String status = pushed.stream()
                            .allMatch(
                                    p -> p.status().equals("DONE") || p.status().equals("KEPT"))
                    ? "DONE"
                    : pushed.stream().anyMatch(p -> p.status().equals("FAILED")) ? "FAILED" : "PENDING";
            String error = pushed.stream()
                    .map(JobReport.PushedPart::error)
                    .filter(e -> e != null)
                    .findFirst()
                    .orElse(null);
            segments.add(new JobReport.PushedSegment(
                    parts.get(0).parentId(),
                    parts.get(0).parentName(),
                    status,
                    pushed.stream()
                            .map(JobReport.PushedPart::remoteId)
                            .filter(id -> id != null)
                            .toList(),
                    error,
                    pushed));
        }
        return segments;
    }

    private static String partStatus(String state) {
        return switch (state) {
            case "DONE", "KEPT", "FAILED" -> state;
            default -> "PENDING";
        };
    }
}
