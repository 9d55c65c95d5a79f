package io.segmentbatch.destination;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.store.RunSnapshot;
import io.segmentbatch.store.SegmentLedger;
import io.segmentbatch.store.SegmentLedger.PartRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final Duration CLOCK_MARGIN = Duration.ofHours(1);

    private final SegmentLedger ledger;
    private final Function<String, String> environment;

    SegmentPush(SegmentLedger ledger, Function<String, String> environment) {
        this.ledger = ledger;
        this.environment = environment;
    }

    /** Pushes; returns null when every segment is there and every replaced one deleted, otherwise what failed. */
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
        Session session = new Session(api, spec, run.runId(), run.runFolder());
        session.settleOtherRuns();
        List<PartRow> todo = ledger.parts(spec.key(), run.runId()).stream()
                .filter(row -> !row.state().equals("DONE") && !row.state().equals("KEPT")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(spec.concurrency(), Math.max(1, todo.size())));
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (PartRow row : todo) {
                calls.add(pool.submit(() -> {
                    try {
                        session.create(row);
                    } catch (RuntimeException e) {
                        // e.g. an unreadable member file: this segment fails with the reason, the others go on
                        ledger.update(spec.key(), run.runId(), row.localId(), "FAILED", null, String.valueOf(e.getMessage()),
                                false, Instant.now());
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                try {
                    call.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("push of run {} to {}: {}", run.runId(), spec.key(), e.getCause().toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<PartRow> rows = ledger.parts(spec.key(), run.runId());
        long failed = rows.stream().filter(row -> !row.state().equals("DONE") && !row.state().equals("KEPT")).count();
        if (failed > 0) {
            return failed + " of " + rows.size() + " segments could not be created; the segments they replace were kept";
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
            boolean unchanged = live.isPresent() && live.get().name().equals(part.name())
                    && live.get().membersHash().equals(part.hash());
            ledger.plan(new PartRow(spec.key(), run.runId(), part.localId(), part.parentId(), part.parentName(), part.name(),
                    part.hash(), unchanged ? "KEPT" : "PENDING", unchanged ? live.get().remoteId() : null, 0, null, now), now);
        }
    }

    /** One push's calls: retries, backoff, and the lookups by name. */
    private final class Session {
        private final SegmentsApi api;
        private final DestinationSpec.Voucherify spec;
        private final String runId;
        private final AtomicBoolean uncertain = new AtomicBoolean();

        private final java.nio.file.Path runFolder;

        Session(SegmentsApi api, DestinationSpec.Voucherify spec, String runId, java.nio.file.Path runFolder) {
            this.api = api;
            this.spec = spec;
            this.runId = runId;
            this.runFolder = runFolder;
        }

        /** The members of a part, from its file ({@code segments/<id>.csv} in the run folder, as the report names it). */
        private List<String> customers(PartRow row) {
            return new RunParts.Part(row.localId(), row.name(), row.parentId(), row.parentName(),
                    runFolder.resolve("segments").resolve(row.localId() + ".csv"), row.membersHash()).customers();
        }

        void create(PartRow row) throws InterruptedException {
            List<String> customers = null;
            boolean lookFirst = row.state().equals("CREATING") || (row.state().equals("FAILED") && row.tries() > 0);
            String lastError = null;
            for (int attempt = 1; attempt <= spec.retry().maxTries(); attempt++) {
                try {
                    if (lookFirst) {
                        uncertain.set(true);
                        Optional<String> found = findUnknown(row.name(), row.updatedAt());
                        if (found.isPresent()) {
                            ledger.update(spec.key(), runId, row.localId(), "DONE", found.get(), null, false, Instant.now());
                            log.info("push {}: '{}' was created by a call whose answer was lost: {}", spec.key(), row.name(), found.get());
                            return;
                        }
                    }
                    if (customers == null) {
                        customers = customers(row);
                    }
                    ledger.update(spec.key(), runId, row.localId(), "CREATING", null, null, true, Instant.now());
                    String remoteId = api.create(row.name(), customers);
                    ledger.update(spec.key(), runId, row.localId(), "DONE", remoteId, null, false, Instant.now());
                    return;
                } catch (CallFailure e) {
                    lastError = e.getMessage();
                    if (e.kind() == CallFailure.Kind.PERMANENT) {
                        ledger.update(spec.key(), runId, row.localId(), "FAILED", null, lastError, false, Instant.now());
                        return;
                    }
                    // a 429 was not processed; anything else may have created the segment
                    lookFirst = e.kind() == CallFailure.Kind.TRANSIENT;
                    Duration wait = e.retryAfter() != null ? e.retryAfter() : spec.retry().delayAfter(attempt);
                    if (attempt < spec.retry().maxTries()) {
                        log.info("push {}: '{}' failed ({}); retrying in {} ms", spec.key(), row.name(), lastError, wait.toMillis());
                        Thread.sleep(wait.toMillis());
                    }
                }
            }
            // FAILED with tries: the next push looks the name up first, as the last call may have created it
            ledger.update(spec.key(), runId, row.localId(), "FAILED", null,
                    "gave up after " + spec.retry().maxTries() + " tries; last: " + lastError, false, Instant.now());
        }

        /**
         * A remote segment of this name that the ledger does not know, created since the lost call (less an hour for
         * clocks that differ): one that call created. Extras are deleted.
         */
        Optional<String> findUnknown(String name, Instant lostCallAt) throws CallFailure, InterruptedException {
            Set<String> known = ledger.knownIds();
            Instant since = lostCallAt.minus(CLOCK_MARGIN);
            List<SegmentsApi.Remote> matches = api.list().stream()
                    .filter(remote -> remote.name().equals(name) && !known.contains(remote.id()) && remote.createdSince(since))
                    .toList();
            for (SegmentsApi.Remote extra : matches.stream().skip(1).toList()) {
                call(() -> api.delete(extra.id()), "delete duplicate " + extra.id());
            }
            return matches.stream().findFirst().map(SegmentsApi.Remote::id);
        }

        /** Calls left CREATING by earlier runs' pushes: adopt what they created (to delete it), or mark them failed. */
        void settleOtherRuns() throws InterruptedException {
            for (PartRow row : ledger.uncertainElsewhere(spec.key(), runId)) {
                try {
                    Optional<String> found = findUnknown(row.name(), row.updatedAt());
                    ledger.update(spec.key(), row.runId(), row.localId(), found.isPresent() ? "DONE" : "FAILED",
                            found.orElse(null), found.isPresent() ? null : "not created", false, Instant.now());
                } catch (CallFailure e) {
                    log.warn("push {}: cannot check '{}' of run {} by name: {}", spec.key(), row.name(), row.runId(), e.getMessage());
                }
            }
        }

        /** After lost answers: remote segments with this run's names that the ledger does not know are duplicates. */
        void removeDuplicates(List<PartRow> rows, Instant pushStarted) throws InterruptedException {
            Set<String> names = new java.util.HashSet<>(rows.stream().map(PartRow::name).toList());
            Instant since = rows.stream().map(PartRow::updatedAt).min(Instant::compareTo).orElse(pushStarted)
                    .minus(CLOCK_MARGIN);
            try {
                Set<String> known = ledger.knownIds();
                for (SegmentsApi.Remote remote : api.list()) {
                    if (names.contains(remote.name()) && !known.contains(remote.id()) && remote.createdSince(since)) {
                        log.info("push {}: deleting duplicate '{}' {}", spec.key(), remote.name(), remote.id());
                        call(() -> api.delete(remote.id()), "delete duplicate " + remote.id());
                    }
                }
            } catch (CallFailure e) {
                log.warn("push {}: cannot look for duplicates: {}", spec.key(), e.getMessage());
            }
        }

        /** Deletes the remote segments this run replaced; returns null, or what could not be deleted. */
        String deleteReplaced() throws InterruptedException {
            List<String> errors = new ArrayList<>();
            for (String remoteId : ledger.replaced(spec.key(), runId)) {
                ledger.deletion(spec.key(), remoteId, runId, "DELETING", null, Instant.now());
                try {
                    call(() -> api.delete(remoteId), "delete " + remoteId);
                    ledger.deletion(spec.key(), remoteId, runId, "DELETED", null, Instant.now());
                } catch (CallFailure e) {
                    ledger.deletion(spec.key(), remoteId, runId, "DELETING", e.getMessage(), Instant.now());
                    errors.add(e.getMessage());
                }
            }
            return errors.isEmpty() ? null : "replaced segments could not be deleted: " + String.join("; ", errors);
        }

        /** An idempotent call (GET, DELETE), retried on 429 and transient failures. */
        void call(Call call, String what) throws CallFailure, InterruptedException {
            for (int attempt = 1; ; attempt++) {
                try {
                    call.run();
                    return;
                } catch (CallFailure e) {
                    if (e.kind() == CallFailure.Kind.PERMANENT || attempt >= spec.retry().maxTries()) {
                        throw e;
                    }
                    Duration wait = e.retryAfter() != null ? e.retryAfter() : spec.retry().delayAfter(attempt);
                    log.info("push {}: {} failed ({}); retrying in {} ms", spec.key(), what, e.getMessage(), wait.toMillis());
                    Thread.sleep(wait.toMillis());
                }
            }
        }
    }

    @FunctionalInterface
    interface Call {
        void run() throws CallFailure;
    }
}
