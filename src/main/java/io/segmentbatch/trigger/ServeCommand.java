package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import io.segmentbatch.job.InvalidDefinitionException;
import io.segmentbatch.job.ServedJobs;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the long-running service (cron schedules, inbox folders, REST launches) until SIGTERM. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serves every job of a folder: runs each at its schedule, on each CSV dropped in its inbox, "
                + "and on POST /v1/jobs/{name}/runs. Job files are read at start; restart to pick up changes.",
        footer = {
            "",
            "Credentials for /v1 and the actuator (all but /actuator/health): SEGMENT_BATCH_APP_ID and"
                    + " SEGMENT_BATCH_APP_TOKEN (or --segment-batch.app-id=… --segment-batch.app-token=…).",
            "Listens on 127.0.0.1:8080 by default: --server.address=0.0.0.0 for every interface, --server.port=….",
            "Exit codes: 0 stopped normally (SIGTERM or Ctrl-C included), 2 an invalid job, no credentials, or the"
                    + " service could not start."
        })
final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--jobs",
            paramLabel = "<dir>",
            defaultValue = "jobs",
            description = "Folder of job files (*.json) (default: ${DEFAULT-VALUE}).")
    Path jobs;

    @Option(
            names = "--output",
            paramLabel = "<dir>",
            defaultValue = "out",
            description = "Output folder (default: ${DEFAULT-VALUE}); runs write to <dir>/<job>/<run id>/.")
    Path output;

    @CommandLine.Mixin
    RunnerOptions runner;

    @Override
    public Integer call() {
        List<String> springArguments = runner.springArguments();
        ServedJobs served;
        try {
            served = ServedJobs.load(jobs);
        } catch (InvalidDefinitionException e) {
            ValidateCommand.printErrors(e);
            System.err.println("serve did not start: fix the job files above.");
            return Cli.USAGE;
        }
        List<String> arguments = new ArrayList<>(springArguments);
        arguments.add("--segment-batch.serve.jobs=" + jobs);
        arguments.add("--segment-batch.serve.output=" + output);
        CountDownLatch stop = new CountDownLatch(1);
        ApplicationListener<ContextClosedEvent> closed = event -> stop.countDown();
        ConfigurableApplicationContext context;
        try {
            context = SpringArguments.run(
                    new SpringApplicationBuilder(SegmentBatchApplication.class)
                            .web(WebApplicationType.SERVLET)
                            .initializers(
                                    starting -> starting.getBeanFactory().registerSingleton("servedJobs", served)),
                    arguments,
                    closed);
        } catch (RuntimeException e) {
            System.err.println(
                    "error: serve did not start: " + Failures.describe(e, SpringArguments.CHECKS.databaseUrl())
                            + (Cli.debug ? "" : " (--debug prints the stack trace)"));
            if (Cli.debug) {
                e.printStackTrace(System.err);
            }
            return Cli.USAGE;
        }
        try (StopSignals signals = StopSignals.install(stop::countDown)) {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
        return Cli.COMPLETED;
    }
}
