package io.segmentbatch.destination;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.store.RunSnapshot;
import io.segmentbatch.store.SegmentLedger;
import io.segmentbatch.store.SegmentLedger.PartRow;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Pushes one committed run's static segments to one voucherify destination, exactly once across crashes:
 * <ol>
 *   <li>plan: a ledger row per static segment; one whose name and member file equal those of the remote segment
 *       standing for it now is KEPT (no call);</li>
 *   <li>create: CREATING is written before each {@code POST}, DONE with the remote ID after. A row found CREATING
 *       (a call whose answer was lost: a timeout, a reset, a 5xx, a killed process) is first looked up by name among
 *       the remote segments the ledger does not know, and adopted if there;</li>
 *   <li>delete: only once every static segment of the run is DONE or KEPT, the remote segments of earlier runs that
 *       the run does not use are deleted.</li>
 * </ol>
 */
final class SegmentPush {
    private static final Logger log = LoggerFactory.getLogger(SegmentPush.class);

    private final SegmentLedger ledger;
    private final Function<String, String> environment;
    private final DeliveryStop stop;

    SegmentPush(SegmentLedger ledger, Function<String, String> environment, DeliveryStop stop) {
        this.ledger = ledger;
        this.environment = environment;
        this.stop = stop;
    }

    /** Pushes; returns null when every segment is there and every replaced one deleted, otherwise what failed. */
    @Nullable
    String push(RunSnapshot run, JobReport report, DestinationSpec.Voucherify spec) throws InterruptedException {
        String appId = environment.apply(spec.appIdEnv());
        String appToken = environment.apply(spec.appTokenEnv());
        if (appId == null || appId.isBlank() || appToken == null || appToken.isBlank()) {
            return "the environment variables " + spec.appIdEnv() + " and " + spec.appTokenEnv() + " must hold the"
                    + " Voucherify application ID and token";
        }
        Instant started = Instant.now();
        SegmentsApi api = new SegmentsApi(spec.apiUrl(), appId, appToken, spec.timeout(), spec.requestsPerMinute());
        plan(run, report, spec);
        PushSession session = new PushSession(ledger, api, spec, run.runId(), run.runFolder(), stop);
        session.settleOtherRuns();
        List<PartRow> todo = ledger.parts(spec.key(), run.runId()).stream()
                .filter(row -> !row.state().equals("DONE") && !row.state().equals("KEPT"))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(spec.concurrency(), Math.max(1, todo.size())));
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (PartRow row : todo) {
                calls.add(pool.submit(() -> {
                    try {
                        session.create(row);
                    } catch (RuntimeException e) {
                        // e.g. an unreadable member file: this segment fails with the reason, the others go on
                        ledger.update(
                                spec.key(),
                                run.runId(),
                                row.localId(),
                                "FAILED",
                                null,
                                String.valueOf(e.getMessage()),
                                false,
                                Instant.now());
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                try {
                    call.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof InterruptedException)) {
                        log.warn("push of run {} to {}: {}", run.runId(), spec.key(), String.valueOf(e.getCause()));
                    }
                }
            }
        } finally {
            // never shutdownNow: an interrupted create would write to the store from an interrupted thread
            pool.shutdown();
        }
        // a create cut short by a stop left its row PENDING or CREATING: the push ends here, to be resumed
        stop.check();
        List<PartRow> rows = ledger.parts(spec.key(), run.runId());
        long failed = rows.stream()
                .filter(row -> !row.state().equals("DONE") && !row.state().equals("KEPT"))
                .count();
        if (failed > 0) {
            return failed + " of " + rows.size()
                    + " segments could not be created; the segments they replace were kept";
        }
        if (session.uncertain.get()) {
            session.removeDuplicates(rows, started);
        }
        return session.deleteReplaced();
    }

    private void plan(RunSnapshot run, JobReport report, DestinationSpec.Voucherify spec) {
        Instant now = Instant.now();
        for (RunParts.Part part : RunParts.of(report, run.runFolder(), spec.segments())) {
            Optional<PartRow> live = ledger.live(spec.key(), part.localId(), run.runId());
            boolean unchanged = live.isPresent()
                    && live.get().name().equals(part.name())
                    && live.get().membersHash().equals(part.hash());
            ledger.plan(
                    new PartRow(
                            spec.key(),
                            run.runId(),
                            part.localId(),
                            part.parentId(),
                            part.parentName(),
                            part.name(),
                            part.hash(),
                            unchanged ? "KEPT" : "PENDING",
                            unchanged ? live.get().remoteId() : null,
                            0,
                            null,
                            now),
                    now);
        }
    }
}
