package io.segmentbatch.destination;

import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.SegmentLedger;
import io.segmentbatch.store.SegmentLedger.PartRow;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The calls of one push of one run to one voucherify destination: creates with retries and backoff (honouring
 * {@code Retry-After}), lookups by name after a lost answer, removal of duplicates, deletion of replaced segments.
 * Every state goes to the ledger before the call it announces.
 */
final class PushSession {
    private static final Logger log = LoggerFactory.getLogger(PushSession.class);
    private static final Duration CLOCK_MARGIN = Duration.ofHours(1);

    private final SegmentLedger ledger;
    private final SegmentsApi api;
    private final DestinationSpec.Voucherify spec;
    private final String runId;
    final AtomicBoolean uncertain = new AtomicBoolean();

    /**
     * Why the destination is taken as down for the rest of this push: a segment's create gave up after every try
     * (5xx, timeouts, refused connections, rate limits). The other segments then wait for the next push, untried,
     * instead of each spending every try against a service that is down (a run with 100 static segments waited hours).
     */
    private final AtomicReference<String> down = new AtomicReference<>();

    private final java.nio.file.Path runFolder;
    private final DeliveryStop stop;

    PushSession(
            SegmentLedger ledger,
            SegmentsApi api,
            DestinationSpec.Voucherify spec,
            String runId,
            java.nio.file.Path runFolder,
            DeliveryStop stop) {
        this.ledger = ledger;
        this.api = api;
        this.spec = spec;
        this.runId = runId;
        this.runFolder = runFolder;
        this.stop = stop;
    }

    /** The members of a part, from its file ({@code segments/<id>.csv} in the run folder, as the report names it). */
    private List<String> customers(PartRow row) {
        return new RunParts.Part(
                        row.localId(),
                        row.name(),
                        row.parentId(),
                        row.parentName(),
                        runFolder.resolve(ReportFiles.SEGMENTS).resolve(row.localId() + ".csv"),
                        row.membersHash())
                .customers();
    }

    void create(PartRow row) throws InterruptedException {
        List<String> customers = null;
        boolean lookFirst = row.state().equals("CREATING") || (row.state().equals("FAILED") && row.tries() > 0);
        String lastError = null;
        for (int attempt = 1; attempt <= spec.retry().maxTries(); attempt++) {
            stop.check();
            String downBecause = down.get();
            if (downBecause != null) {
                // a segment whose calls may have created it keeps the mark that makes the next push look it up
                String error = lookFirst || attempt > 1
                        ? SegmentLedger.GAVE_UP + (attempt - 1) + " tries of this push; stopped: " + downBecause
                        : "not tried: " + downBecause;
                ledger.update(spec.key(), runId, row.localId(), "FAILED", null, error, false, Instant.now());
                return;
            }
            try {
                if (lookFirst) {
                    uncertain.set(true);
                    Optional<String> found = findUnknown(row.name(), row.updatedAt());
                    if (found.isPresent()) {
                        ledger.update(
                                spec.key(), runId, row.localId(), "DONE", found.get(), null, false, Instant.now());
                        log.info(
                                "push {}: '{}' was created by a call whose answer was lost: {}",
                                spec.key(),
                                row.name(),
                                found.get());
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
                endIfInterrupted(e);
                lastError = e.getMessage();
                if (e.kind() == CallFailure.Kind.PERMANENT) {
                    ledger.update(spec.key(), runId, row.localId(), "FAILED", null, lastError, false, Instant.now());
                    return;
                }
                // a 429 was not processed; anything else may have created the segment
                lookFirst = e.kind() == CallFailure.Kind.TRANSIENT;
                Duration wait =
                        e.retryAfter() != null ? e.retryAfter() : spec.retry().delayAfter(attempt);
                if (attempt < spec.retry().maxTries()) {
                    log.info(
                            "push {}: '{}' failed ({}); retrying in {} ms",
                            spec.key(),
                            row.name(),
                            lastError,
                            wait.toMillis());
                    stop.sleep(wait);
                }
            }
        }
        down.compareAndSet(
                null,
                "'" + row.name() + "' gave up after " + spec.retry().maxTries() + " tries (last: " + lastError
                        + "), so this push tries no other segment; push " + runId + " tries them again");
        // FAILED with tries: the next push of this run looks the name up first, as the last call may have created
        // it; so does the next run's push, for this row (settleOtherRuns), to delete what it may have created
        ledger.update(
                spec.key(),
                runId,
                row.localId(),
                "FAILED",
                null,
                SegmentLedger.GAVE_UP + spec.retry().maxTries() + " tries; last: " + lastError,
                false,
                Instant.now());
    }

    /**
     * A remote segment of this name that the ledger does not know, created since the lost call (less an hour for
     * clocks that differ): one that call created. Extras are deleted.
     */
    Optional<String> findUnknown(String name, Instant lostCallAt) throws CallFailure, InterruptedException {
        Set<String> known = ledger.knownIds();
        Instant since = lostCallAt.minus(CLOCK_MARGIN);
        List<SegmentsApi.Remote> matches = api.list().stream()
                .filter(remote ->
                        remote.name().equals(name) && !known.contains(remote.id()) && remote.createdSince(since))
                .toList();
        for (SegmentsApi.Remote extra : matches.stream().skip(1).toList()) {
            call(() -> api.delete(extra.id()), "delete duplicate " + extra.id());
        }
        return matches.stream().findFirst().map(SegmentsApi.Remote::id);
    }

    /**
     * Creates of earlier runs' pushes that may have happened: left CREATING (the process died or stopped during the
     * call), or FAILED after their last try was lost. What they created is adopted (and then deleted as replaced);
     * otherwise they are marked "not created".
     */
    void settleOtherRuns() throws InterruptedException {
        for (PartRow row : ledger.uncertainElsewhere(spec.key(), runId)) {
            stop.check();
            try {
                Optional<String> found = findUnknown(row.name(), row.updatedAt());
                ledger.update(
                        spec.key(),
                        row.runId(),
                        row.localId(),
                        found.isPresent() ? "DONE" : "FAILED",
                        found.orElse(null),
                        found.isPresent() ? null : "not created",
                        false,
                        Instant.now());
            } catch (CallFailure e) {
                endIfInterrupted(e);
                log.warn(
                        "push {}: cannot check '{}' of run {} by name: {}",
                        spec.key(),
                        row.name(),
                        row.runId(),
                        e.getMessage());
            }
        }
    }

    /** After lost answers: remote segments with this run's names that the ledger does not know are duplicates. */
    void removeDuplicates(List<PartRow> rows, Instant pushStarted) throws InterruptedException {
        Set<String> names =
                new java.util.HashSet<>(rows.stream().map(PartRow::name).toList());
        Instant since = rows.stream()
                .map(PartRow::updatedAt)
                .min(Instant::compareTo)
                .orElse(pushStarted)
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
            endIfInterrupted(e);
            log.warn("push {}: cannot look for duplicates: {}", spec.key(), e.getMessage());
        }
    }

    /** Deletes the remote segments this run replaced; returns null, or what could not be deleted. */
    @Nullable
    String deleteReplaced() throws InterruptedException {
        List<String> errors = new ArrayList<>();
        for (String remoteId : ledger.replaced(spec.key(), runId)) {
            stop.check();
            ledger.deletion(spec.key(), remoteId, runId, "DELETING", null, Instant.now());
            try {
                call(() -> api.delete(remoteId), "delete " + remoteId);
                ledger.deletion(spec.key(), remoteId, runId, "DELETED", null, Instant.now());
            } catch (CallFailure e) {
                endIfInterrupted(e);
                ledger.deletion(spec.key(), remoteId, runId, "DELETING", e.getMessage(), Instant.now());
                errors.add(e.getMessage());
            }
        }
        return errors.isEmpty() ? null : "replaced segments could not be deleted: " + String.join("; ", errors);
    }

    /** An idempotent call (GET, DELETE), retried on 429 and transient failures. */
    void call(Call call, String what) throws CallFailure, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            stop.check();
            try {
                call.run();
                return;
            } catch (CallFailure e) {
                endIfInterrupted(e);
                if (e.kind() == CallFailure.Kind.PERMANENT
                        || attempt >= spec.retry().maxTries()) {
                    throw e;
                }
                Duration wait =
                        e.retryAfter() != null ? e.retryAfter() : spec.retry().delayAfter(attempt);
                log.info(
                        "push {}: {} failed ({}); retrying in {} ms",
                        spec.key(),
                        what,
                        e.getMessage(),
                        wait.toMillis());
                stop.sleep(wait);
            }
        }
    }

    /** An interrupted call ends the push at once: nothing is written from a thread whose interrupt flag is set. */
    private static void endIfInterrupted(CallFailure e) throws InterruptedException {
        if (e.kind() == CallFailure.Kind.INTERRUPTED) {
            throw new InterruptedException(e.getMessage());
        }
    }

    @FunctionalInterface
    interface Call {
        void run() throws CallFailure;
    }
}
