package io.segmentbatch.trigger;

import io.micrometer.core.instrument.MeterRegistry;
import io.segmentbatch.job.JobBusyException;
import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.Launch;
import io.segmentbatch.job.LaunchedRun;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.RunRequest;
import io.segmentbatch.job.ServedJobs;
import io.segmentbatch.job.ShuttingDownException;
import io.segmentbatch.store.Trigger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Runs each job with a {@code schedule} at its cron times, in its zone, on its default input. A tick while the
 * job is still running is skipped and logged, never queued.
 */
@Component
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class ScheduleTrigger extends ServeTrigger {
    private static final Logger log = LoggerFactory.getLogger(ScheduleTrigger.class);

    private final ServedJobs jobs;
    private final RunLauncher launcher;
    private final ServeSettings settings;
    private final ObjectProvider<MeterRegistry> meters;
    private @Nullable ThreadPoolTaskScheduler scheduler;

    ScheduleTrigger(
            ServedJobs jobs, RunLauncher launcher, ServeSettings settings, ObjectProvider<MeterRegistry> meters) {
        this.jobs = jobs;
        this.launcher = launcher;
        this.settings = settings;
        this.meters = meters;
    }

    @Override
    void startTaking() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("schedule-");
        scheduler.initialize();
        for (JobDefinition job : jobs.all()) {
            if (job.schedule() != null) {
                // listed at 0 from the start, so that a scraper (and an alert on its increase) sees it before a skip
                meters.ifAvailable(registry -> {
                    skippedCounter(registry, job);
                    notStartedCounter(registry, job);
                });
                scheduler.schedule(
                        () -> fire(job),
                        new CronTrigger(job.schedule().cron(), job.schedule().zone()));
            }
        }
    }

    private static io.micrometer.core.instrument.Counter skippedCounter(MeterRegistry registry, JobDefinition job) {
        return registry.counter("segment_batch.schedule.skipped", "job_name", job.name());
    }

    /** Ticks whose run could not start (its input missing, …): no run records them, so the metric does. */
    private static io.micrometer.core.instrument.Counter notStartedCounter(MeterRegistry registry, JobDefinition job) {
        return registry.counter("segment_batch.schedule.not_started", "job_name", job.name());
    }

    void fire(JobDefinition job) {
        try {
            LaunchedRun run = launcher.launch(
                    Launch.of(new RunRequest(job, null, settings.output(), Instant.now(), Trigger.SCHEDULE)));
            log.info("schedule of job {} fired: run {}", job.name(), run.runId());
        } catch (JobBusyException e) {
            log.info("schedule of job {}: tick skipped, {}", job.name(), e.getMessage());
            meters.ifAvailable(registry -> skippedCounter(registry, job).increment());
        } catch (ShuttingDownException e) {
            log.debug("schedule of job {}: shutting down", job.name());
        } catch (RuntimeException e) {
            log.warn("schedule of job {}: the run could not start: {}", job.name(), e.getMessage());
            meters.ifAvailable(registry -> notStartedCounter(registry, job).increment());
        }
    }

    @Override
    void stopTaking() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }
}
