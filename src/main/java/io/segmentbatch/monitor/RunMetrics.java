package io.segmentbatch.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.segmentbatch.job.HeldRunSettled;
import io.segmentbatch.job.RunEnded;
import io.segmentbatch.job.ServedJobs;
import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.RunReports;
import io.segmentbatch.store.StoredRun;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * segment-batch's own metrics. The gauges describe each job's last completed run, read from {@code sb_run} when the
 * registry is bound and again after every run, so they are right after a restart too; {@code segment_batch.runs}
 * counts the runs that ended in this process. The job's tag is {@code job_name}: Prometheus keeps {@code job} for the
 * scrape target (and a Pushgateway for its grouping key).
 *
 * <p>The gauges show the jobs of this process only: serve's jobs, or the jobs whose runs a one-shot command ended or
 * settled. Every job in the database used to be shown, so each job's Pushgateway group kept a frozen copy of every
 * other job's figures (an alert on one job's last completed run fired for another's group), and serve went on
 * exporting retired jobs.
 */
@Component
class RunMetrics implements MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    private final RunReports reports;
    private final ObjectProvider<DeliveryBacklog> backlogs;
    private final List<Gauges> bound = new CopyOnWriteArrayList<>();
    private final io.segmentbatch.store.DestinationRuns destinations;
    private final io.segmentbatch.store.Deliveries deliveries;
    private final ObjectProvider<ServedJobs> served;
    // a one-shot command's jobs: those whose runs ended or were settled in this process
    private final Set<String> ownJobs = ConcurrentHashMap.newKeySet();

    RunMetrics(
            RunReports reports,
            ObjectProvider<DeliveryBacklog> backlogs,
            io.segmentbatch.store.DestinationRuns destinations,
            io.segmentbatch.store.Deliveries deliveries,
            ObjectProvider<ServedJobs> served) {
        this.reports = reports;
        this.backlogs = backlogs;
        this.destinations = destinations;
        this.deliveries = deliveries;
        this.served = served;
    }

    /** Whether this process shows the job's figures: serve's jobs, or a one-shot command's own. */
    private boolean shown(String job) {
        ServedJobs jobs = served.getIfAvailable();
        return jobs != null ? jobs.find(job).isPresent() : ownJobs.contains(job);
    }

    /**
     * The events waiting for each webhook and rabbitmq destination (pending, not yet dead), read at every scrape:
     * a gauge per destination a job file declares.
     */
    private void bindBacklogs(MeterRegistry registry) {
        for (String[] destination : destinations.destinations()) {
            if (!shown(destination[1])) {
                continue;
            }
            String key = destination[0];
            if (registry.find("segment_batch.delivery.backlog")
                            .tags("job_name", destination[1], "destination", key)
                            .gauge()
                    != null) {
                // bound already, at a refresh before or from a job file: a second register warns and keeps the first
                continue;
            }
            Gauge.builder("segment_batch.delivery.backlog", () -> deliveries.count("PENDING", key))
                    .description("Events waiting to be delivered to a destination")
                    .tags("job_name", destination[1], "destination", key)
                    .register(registry);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauges gauges = new Gauges(registry);
        backlogs.orderedStream()
                .forEach(backlog -> Gauge.builder(
                                "segment_batch.delivery.backlog", backlog, DeliveryBacklog::pendingEvents)
                        .description("Events waiting to be delivered to a destination")
                        .tags("job_name", backlog.job(), "destination", backlog.destination())
                        .register(registry));
        bound.add(gauges);
        refresh();
    }

    private void refreshBacklogs() {
        try {
            bound.forEach(gauges -> bindBacklogs(gauges.registry));
        } catch (RuntimeException e) {
            log.warn("delivery backlog gauges not updated: {}", e.getMessage());
        }
    }

    /** An approved held run is the job's last completed run now; a discarded one may have been listed as held. */
    @EventListener
    void heldRunSettled(HeldRunSettled run) {
        ownJobs.add(run.jobName());
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("run {}: metrics not updated: {}", run.runId(), e.getMessage());
        }
    }

    @EventListener
    void runEnded(RunEnded run) {
        ownJobs.add(run.jobName());
        try {
            bound.forEach(gauges -> Counter.builder("segment_batch.runs")
                    .description("Runs ended in this process")
                    .tags("job_name", run.jobName(), "status", run.status())
                    .register(gauges.registry)
                    .increment());
            refresh();
        } catch (RuntimeException e) {
            log.warn("run {}: metrics not updated: {}", run.runId(), e.getMessage());
        }
    }

    private synchronized void refresh() {
        if (bound.isEmpty()) {
            return;
        }
        List<Figures> figures = reports.lastCompletedPerJob().stream()
                .filter(run -> shown(run.jobName()))
                .map(Figures::of)
                .toList();
        bound.forEach(gauges -> gauges.show(figures));
        refreshBacklogs();
    }

    /** The figures of one job's last completed run. */
    private record Figures(String job, Instant finished, JobReport report) {
        static Figures of(StoredRun run) {
            return new Figures(
                    run.jobName(),
                    java.util.Objects.requireNonNull(run.finishedAt(), "a completed run's end"),
                    ReportFiles.readReport(run.reportJson()));
        }

        double durationSeconds() {
            Instant started = Instant.parse(report.job().startedAt());
            return Duration.between(started, finished).toMillis() / 1000.0;
        }
    }

    /** The multi-gauges of one registry. */
    private static final class Gauges {
        final MeterRegistry registry;
        final MultiGauge rowsRead;
        final MultiGauge rowsRejected;
        final MultiGauge duration;
        final MultiGauge lastCompleted;
        final MultiGauge members;
        final MultiGauge entered;
        final MultiGauge left;

        Gauges(MeterRegistry registry) {
            this.registry = registry;
            rowsRead = gauge("segment_batch.run.rows.read", "Rows the job's last completed run read", null);
            rowsRejected = gauge("segment_batch.run.rows.rejected", "Rows the job's last completed run rejected", null);
            duration = gauge("segment_batch.run.duration", "How long the job's last completed run took", "seconds");
            lastCompleted = gauge(
                    "segment_batch.run.last.completed",
                    "When the job's last completed run finished (Unix epoch)",
                    "seconds");
            members = gauge(
                    "segment_batch.segment.members", "Members of a segment after the job's last completed run", null);
            entered = gauge(
                    "segment_batch.segment.entered",
                    "Customers who entered a segment in the job's last completed run",
                    null);
            left = gauge(
                    "segment_batch.segment.left", "Customers who left a segment in the job's last completed run", null);
        }

        private MultiGauge gauge(String name, String description, @Nullable String unit) {
            return MultiGauge.builder(name)
                    .description(description)
                    .baseUnit(unit)
                    .register(registry);
        }

        void show(List<Figures> jobs) {
            List<MultiGauge.Row<?>> read = new ArrayList<>();
            List<MultiGauge.Row<?>> rejected = new ArrayList<>();
            List<MultiGauge.Row<?>> took = new ArrayList<>();
            List<MultiGauge.Row<?>> when = new ArrayList<>();
            List<MultiGauge.Row<?>> sizes = new ArrayList<>();
            List<MultiGauge.Row<?>> in = new ArrayList<>();
            List<MultiGauge.Row<?>> out = new ArrayList<>();
            for (Figures job : jobs) {
                Tags tags = Tags.of("job_name", job.job());
                read.add(MultiGauge.Row.of(tags, job.report().input().rowsRead()));
                rejected.add(MultiGauge.Row.of(tags, job.report().input().rowsRejected()));
                took.add(MultiGauge.Row.of(tags, job.durationSeconds()));
                when.add(MultiGauge.Row.of(tags, job.finished().toEpochMilli() / 1000.0));
                for (JobReport.SegmentEntry segment : job.report().segments()) {
                    Tags segmentTags = tags.and(
                            "segment",
                            segment.segment().name(),
                            "segment_id",
                            segment.segment().id(),
                            "type",
                            segment.segment().type());
                    sizes.add(MultiGauge.Row.of(segmentTags, segment.customersCount()));
                    if (segment.entered() != null && segment.left() != null) {
                        in.add(MultiGauge.Row.of(segmentTags, segment.entered()));
                        out.add(MultiGauge.Row.of(segmentTags, segment.left()));
                    }
                }
            }
            rowsRead.register(read, true);
            rowsRejected.register(rejected, true);
            duration.register(took, true);
            lastCompleted.register(when, true);
            members.register(sizes, true);
            entered.register(in, true);
            left.register(out, true);
        }
    }
}
