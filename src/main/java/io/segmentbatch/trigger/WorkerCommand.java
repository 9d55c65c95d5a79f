package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code worker}: joins a cluster and evaluates the partitions that managers in remote mode send, until SIGTERM. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = "Joins a cluster: takes evaluation partitions from RabbitMQ (spring.rabbitmq.*) and runs them"
                + " against the managers' PostgreSQL database (spring.datasource.*). Input files must be readable here"
                + " at the path the manager sees. Start managers with --remote.",
        footer = {
            "",
            "SIGTERM or Ctrl-C: takes no new partition, finishes those in hand (up to"
                    + " --segment-batch.remote.shutdown-timeout, 60s) and exits 0; a partition cut off goes to another worker.",
            "Exit codes: 0 stopped normally, 2 bad usage or the worker could not start (no PostgreSQL, no broker)."
        })
final class WorkerCommand implements Callable<Integer> {

    @Option(
            names = "--concurrency",
            paramLabel = "<n>",
            description = "Partitions evaluated at the same time (default: one per core, ${DEFAULT-VALUE} here).")
    int concurrency = Runtime.getRuntime().availableProcessors();

    @CommandLine.Unmatched
    List<String> springArguments = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SpringArguments.check(spec, springArguments);
        if (concurrency < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--concurrency must be at least 1");
        }
        List<String> arguments = new ArrayList<>(springArguments);
        arguments.add("--segment-batch.remote.worker=true");
        arguments.add("--segment-batch.remote.concurrency=" + concurrency);
        CountDownLatch stop = new CountDownLatch(1);
        ApplicationListener<ContextClosedEvent> closed = event -> stop.countDown();
        ConfigurableApplicationContext context;
        try {
            context = SpringArguments.run(
                    new SpringApplicationBuilder(SegmentBatchApplication.class).web(WebApplicationType.NONE),
                    arguments,
                    closed);
        } catch (RuntimeException e) {
            System.err.println(
                    "error: the worker did not start: " + Failures.describe(e, SpringArguments.CHECKS.databaseUrl())
                            + (Cli.debug ? "" : " (--debug prints the stack trace)"));
            if (Cli.debug) {
                e.printStackTrace(System.err);
            }
            return Cli.USAGE;
        }
        System.out.println("worker started: " + concurrency + " partition" + (concurrency == 1 ? "" : "s")
                + " at a time; SIGTERM or Ctrl-C stops it");
        try (StopSignals signals = StopSignals.install(stop::countDown)) {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("worker stopping: finishing the partitions in hand");
        context.close();
        System.out.println("worker stopped");
        return Cli.COMPLETED;
    }
}
