package io.segmentbatch.trigger;

import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.job.ServedJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;

/**
 * Serve mode's start, in order: mark runs abandoned by a dead process failed, say what each job does, then
 * start the schedules and the inboxes (which pick up files dropped while the service was down).
 */
@Component
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class ServeStarter implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ServeStarter.class);

    private final ServedJobs jobs;
    private final RunLauncher launcher;
    private final ScheduleTrigger schedules;
    private final InboxWatcher inboxes;
    private final ApplicationContext context;

    ServeStarter(
            ServedJobs jobs,
            RunLauncher launcher,
            ScheduleTrigger schedules,
            InboxWatcher inboxes,
            ApplicationContext context) {
        this.jobs = jobs;
        this.launcher = launcher;
        this.schedules = schedules;
        this.inboxes = inboxes;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> recovered = launcher.recoverAbandonedRuns();
        if (!recovered.isEmpty()) {
            log.warn("{} run(s) left going by a stopped process marked failed: {}", recovered.size(), recovered);
        }
        launcher.registerSegments(jobs.all());
        log.info("serving {} job(s) from {}", jobs.all().size(), jobs.folder().toAbsolutePath());
        for (JobDefinition job : jobs.all()) {
            String schedule = job.schedule() == null
                    ? "none"
                    : "'" + job.schedule().cron() + "' " + job.schedule().zone() + ", next run at "
                            + ServedJobs.nextRun(job)
                                    .map(next -> next.toOffsetDateTime().toString())
                                    .orElse("never");
            String inbox = job.inbox() == null
                    ? "none"
                    : Path.of(job.inbox()).toAbsolutePath().normalize().toString();
            log.info("job {}: schedule {}; inbox {}", job.name(), schedule, inbox);
        }
        schedules.start();
        inboxes.start();
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            // the one line an operator looks for: where it answers (by default on the loopback interface only)
            String address = context.getEnvironment().getProperty("server.address", "0.0.0.0");
            log.info(
                    "ready: the API answers on http://{}:{}/v1, the run pages on /runs, health on /actuator/health",
                    address.contains(":") ? "[" + address + "]" : address,
                    web.getWebServer().getPort());
        }
    }
}
