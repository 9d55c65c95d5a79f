package io.segmentbatch.destination;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.Deliveries;
import io.segmentbatch.store.DestinationRuns;
import io.segmentbatch.store.JobLocks;
import io.segmentbatch.store.RunSnapshot;
import io.segmentbatch.store.SegmentLedger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry to destinations. {@link #deliver} hands a committed run to every destination of its job: voucherify
 * destinations get its static segments, event destinations get its events queued (and sent at once when they
 * answer). Only a COMPLETED run is delivered; a failure is recorded in the report's {@code destinations} section and
 * never undoes the run. One process at a time works on a destination (its lock in {@link JobLocks}): a process that
 * finds it busy leaves that destination to the holder, whose dispatcher (or the next {@code serve}) takes it up.
 */
@Service
public class Destinations {
    private static final Logger log = LoggerFactory.getLogger(Destinations.class);

    private final DestinationRuns runs;
    private final SegmentLedger ledger;
    private final EventDispatch events;
    private final DestinationReports reports;
    private final Environment environment;
    private final JobLocks locks;
    private final DeliveryStop stop = new DeliveryStop();
    private volatile @Nullable Runnable background;

    /** How long a command's delivery waits for a destination that another process delivers to. */
    private final Duration busyWait;

    Destinations(
            DestinationRuns runs,
            SegmentLedger ledger,
            EventDispatch events,
            DestinationReports reports,
            Environment environment,
            JobLocks locks,
            @Value("${segment-batch.destinations.busy-wait:30s}") Duration busyWait) {
        this.runs = runs;
        this.ledger = ledger;
        this.events = events;
        this.reports = reports;
        this.environment = environment;
        this.locks = locks;
        this.busyWait = busyWait;
    }

    /**
     * How a delivery went; {@code done}: no destination FAILED or left to another process delivering to it (events
     * may still be pending).
     */
    public record Outcome(String runId, boolean done, List<JobReport.DestinationEntry> destinations) {}

    /**
     * Records, as a run starts, that its destinations expect it once it commits: a process that dies between the
     * commit and the delivery leaves these rows for the next {@code serve} or {@code push}.
     */
    public void expect(String runId) {
        try {
            runs.run(runId)
                    .ifPresent(run -> RunDestinations.of(run.jobName(), run.definitionJson())
                            .forEach(spec -> {
                                Instant now = Instant.now();
                                runs.expect(runId, spec.key(), run.jobName(), spec.type(), now);
                                // known from the start of the run (the delivery backlog gauge lists it when the run
                                // ends)
                                runs.saveDestination(
                                        spec.key(),
                                        run.jobName(),
                                        spec.type(),
                                        spec.source().toString(),
                                        now);
                            }));
        } catch (RuntimeException e) {
            log.warn("run {}: destinations not recorded: {}", runId, e.getMessage());
        }
    }

    /** Called once a run committed: delivers now, or in serve mode wakes the background dispatcher. */
    public void afterCommit(String runId) {
        Runnable wake = background;
        if (wake != null) {
            wake.run();
            return;
        }
        try {
            deliver(runId);
        } catch (RuntimeException e) {
            log.warn("run {}: destinations failed: {}", runId, e.getMessage());
        }
    }

    /** Serve mode: deliveries run on the dispatcher's thread. */
    void runInBackground(@Nullable Runnable wake) {
        this.background = wake;
        if (wake != null) {
            stop.resume();
        }
    }

    /** Serve mode is stopping: deliveries end before their next call (their thread is never interrupted). */
    void stopDeliveries() {
        stop.stop();
    }

    /**
     * Hands a completed run to each destination of its job, resuming whatever an earlier try left (created segments
     * are not created again); a failed segment push is tried again. A destination that another process delivers to
     * is waited for ({@code segment-batch.destinations.busy-wait}, 30 s), then left to that process. Throws {@link DeliveryRefusedException} for an unknown
     * run, or one that is not COMPLETED.
     */
    public Outcome deliver(String runId) {
        return deliver(runId, busyWait);
    }

    private synchronized Outcome deliver(String runId, Duration busyWait) {
        RunSnapshot run = runs.run(runId).orElseThrow(() -> new DeliveryRefusedException("no run " + runId));
        if (!run.completed()) {
            throw new DeliveryRefusedException(
                    "run " + runId + " is " + run.status() + "; only a completed run is delivered");
        }
        List<DestinationSpec> specs = RunDestinations.of(run.jobName(), run.definitionJson());
        if (specs.isEmpty()) {
            return new Outcome(runId, true, List.of());
        }
        JobReport report = ReportFiles.readReport(run.reportJson());
        int busy = 0;
        for (DestinationSpec spec : specs) {
            Optional<JobLocks.Held> lock = lockDestination(spec.key(), busyWait);
            if (lock.isEmpty()) {
                busy++;
                log.info(
                        "run {}: destination {} is being delivered to by another process; left to it",
                        runId,
                        spec.key());
                continue;
            }
            try (JobLocks.Held held = lock.get()) {
                if (!deliver(run, report, spec)) {
                    // cut short: the destination stays RUNNING, resumed by the next serve start or push
                    return new Outcome(
                            runId,
                            false,
                            Thread.currentThread().isInterrupted() ? List.of() : reports.write(run, specs));
                }
            }
        }
        if (busy == specs.size()) {
            // nothing done here: the report is the other process's to write
            return new Outcome(runId, false, reports.entries(run, specs));
        }
        events.drain(stop);
        List<JobReport.DestinationEntry> entries = reports.write(run, specs);
        boolean done = busy == 0 && entries.stream().noneMatch(entry -> "FAILED".equals(entry.status()));
        log.info(
                "run {} handed to its {}: {}",
                runId,
                entries.size() == 1 ? "destination" : entries.size() + " destinations",
                entries.stream()
                        .map(entry -> entry.name() + "=" + entry.status())
                        .toList());
        return new Outcome(runId, done, entries);
    }

    /** Delivers the run to one destination whose lock this process holds; false when cut short by a stop. */
    private boolean deliver(RunSnapshot run, JobReport report, DestinationSpec spec) {
        String runId = run.runId();
        Instant now = Instant.now();
        runs.expect(runId, spec.key(), run.jobName(), spec.type(), now);
        runs.saveDestination(
                spec.key(), run.jobName(), spec.type(), spec.source().toString(), now);
        runs.setState(runId, spec.key(), "RUNNING", null, now);
        String error;
        try {
            if (spec instanceof DestinationSpec.Voucherify voucherify) {
                error = push(run, report, voucherify);
            } else if (spec instanceof DestinationSpec.Webhook webhook) {
                error = queue(runId, spec.key(), webhook.events());
            } else {
                error = queue(runId, spec.key(), ((DestinationSpec.RabbitMq) spec).events());
            }
        } catch (InterruptedException e) {
            if (!(e instanceof DeliveryStop.Stopped)) {
                // interrupted: nothing more is written from this thread (see DeliveryStop)
                Thread.currentThread().interrupt();
            }
            log.info(
                    "run {}: delivery to {} cut short ({}); it resumes on the next serve start or push",
                    runId,
                    spec.key(),
                    e.getMessage());
            return false;
        } catch (RuntimeException e) {
            error = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        String state = error == null ? "DONE" : error.startsWith(SUPERSEDED) ? "SUPERSEDED" : "FAILED";
        runs.setState(runId, spec.key(), state, error, Instant.now());
        if (error != null) {
            log.warn("run {}: destination {} {}: {}", runId, spec.key(), state, error);
        }
        return true;
    }

    /** The destination's lock, waited for up to {@code wait} while another process holds it. */
    private Optional<JobLocks.Held> lockDestination(String destKey, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<JobLocks.Held> lock = locks.tryLockDestination(destKey);
            if (lock.isPresent() || System.nanoTime() >= end) {
                return lock;
            }
            try {
                stop.sleep(Duration.ofMillis(200));
            } catch (InterruptedException e) {
                if (!(e instanceof DeliveryStop.Stopped)) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            }
        }
    }

    private static final String SUPERSEDED = "superseded:";

    private @Nullable String push(RunSnapshot run, JobReport report, DestinationSpec.Voucherify spec)
            throws InterruptedException {
        Optional<String> latest = runs.latestCompleted(run.jobName());
        if (latest.isPresent() && !latest.get().equals(run.runId())) {
            return SUPERSEDED + " run " + latest.get() + " of job " + run.jobName()
                    + " completed later; its segments are the ones to push";
        }
        return new SegmentPush(ledger, environment::getProperty, stop).push(run, report, spec);
    }

    private @Nullable String queue(String runId, String destKey, java.util.Set<String> types) {
        events.enqueue(destKey, runId, types);
        return null;
    }

    /** True for a completed run that a destination has not finished with (waiting, cut short, or failed). */
    public boolean unfinished(String runId) {
        return runs.run(runId).filter(RunSnapshot::completed).isPresent()
                && runs.ofRun(runId).stream()
                        .anyMatch(row -> List.of("WAITING", "RUNNING", "FAILED").contains(row.state()));
    }

    /** Completed runs that a stopped process left undelivered (or half-delivered): delivered now. */
    public void resumeUnfinished() {
        for (String runId : runs.unfinishedCompletedRuns()) {
            if (stop.stopping()) {
                return;
            }
            try {
                deliver(runId, Duration.ZERO);
            } catch (RuntimeException e) {
                log.warn("run {}: delivery not resumed: {}", runId, e.getMessage());
            }
        }
    }

    /** Sends the event deliveries that are due; refreshes the reports of the runs they belong to. */
    public void drainEvents() {
        for (String runId : events.drain(stop)) {
            runs.run(runId).ifPresent(run -> {
                try {
                    reports.write(run, RunDestinations.of(run.jobName(), run.definitionJson()));
                } catch (RuntimeException e) {
                    log.warn("run {}: report not refreshed: {}", runId, e.getMessage());
                }
            });
        }
    }

    /** Event deliveries by state (pending, delivered, dead; null: all) and destination (null: all). */
    public List<Deliveries.DeliveryRow> deliveries(
            @Nullable String state, @Nullable String destination, int limit, int offset) {
        return events.list(state, destination, limit, offset);
    }

    public long countDeliveries(@Nullable String state, @Nullable String destination) {
        return events.count(state, destination);
    }

    /** How many pending deliveries, to any destination, are due now: what {@link #drainEvents} would send. */
    public long countDueDeliveries() {
        return events.deliveries().countDue(Instant.now());
    }

    /**
     * Dead deliveries (all, or those of these event IDs) become pending again with a fresh count of tries; returns
     * those it made pending.
     */
    public List<Deliveries.DeliveryKey> redeliver(@Nullable String destination, List<String> eventIds) {
        return events.redeliver(destination, eventIds);
    }

    /** How many of these deliveries are in each state (PENDING, DELIVERED, DEAD) now. */
    public Map<String, Long> states(Collection<Deliveries.DeliveryKey> deliveries) {
        return events.deliveries().states(deliveries);
    }

    /** The names of the destinations that have event deliveries. */
    public List<String> deliveryDestinations() {
        return events.deliveries().destinations();
    }

    /** The states of each of these events' deliveries (to one destination, or to all), by event ID. */
    public Map<String, List<String>> deliveryStates(@Nullable String destination, Collection<String> eventIds) {
        return events.deliveries().statesOfEvents(destination, eventIds);
    }

    /**
     * Why {@code destination}, named by a user to pick deliveries, is not one: no delivery has it and no job file
     * seen so far names it as a webhook or rabbitmq destination (a typo would otherwise list or redeliver nothing and
     * look fine); empty when it is one, or none is named.
     */
    public Optional<String> unknownDeliveryDestination(@Nullable String destination) {
        if (destination == null || countDeliveries(null, destination) > 0) {
            return Optional.empty();
        }
        Optional<DestinationRuns.DestinationRow> declared = runs.destination(destination);
        if (declared.filter(known -> known.type().equals("voucherify")).isPresent()) {
            return Optional.of("'" + destination + "' is a voucherify destination: it creates static segments and"
                    + " has no event deliveries (its state is in each run's report, and push <run id> retries it)");
        }
        if (declared.isPresent()) {
            return Optional.empty();
        }
        List<String> known = deliveryDestinations();
        return Optional.of("no delivery has the destination '" + destination + "'"
                + (known.isEmpty()
                        ? " (there are no deliveries)"
                        : "; destinations with deliveries: "
                                + String.join(", ", known.subList(0, Math.min(known.size(), 20)))
                                + (known.size() > 20 ? " and " + (known.size() - 20) + " more" : "")));
    }

    /**
     * Of these event IDs, named to be redelivered, those that have no dead delivery (to {@code destination}, or to
     * any): one line each saying what they have instead, in the order given.
     */
    public List<String> notRedeliverable(@Nullable String destination, Collection<String> eventIds) {
        Map<String, List<String>> states = deliveryStates(destination, eventIds);
        String to = destination == null ? "" : " to " + destination;
        List<String> problems = new ArrayList<>();
        for (String eventId : new LinkedHashSet<>(eventIds)) {
            List<String> have = states.getOrDefault(eventId, List.of());
            if (have.isEmpty()) {
                problems.add("event " + eventId + " has no delivery" + to);
            } else if (!have.contains("DEAD")) {
                problems.add("event " + eventId + " has no dead delivery" + to + " ("
                        + String.join(", ", have).toLowerCase(Locale.ROOT) + ")");
            }
        }
        return problems;
    }
}
