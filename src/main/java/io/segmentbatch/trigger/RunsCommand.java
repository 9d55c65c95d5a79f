package io.segmentbatch.trigger;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.report.RunStatus;
import io.segmentbatch.store.RunReports;
import io.segmentbatch.store.StoredRun;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code runs}: the newest runs from the database, for an operator without serve's pages: which run is held, which
 * failed, with its ID for {@code approve}, {@code discard} or {@code restart}.
 */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "Lists the newest runs, newest first: ID, job, status, trigger, times and input counts.",
        footer = {
            "",
            "Spring properties may follow, e.g. --spring.profiles.active=postgres to use PostgreSQL.",
            "Exit codes: 0 listed (none is not an error), 2 bad usage or a --job that has no run at all."
        })
final class RunsCommand implements Callable<Integer> {
    @Option(names = "--job", paramLabel = "<name>", description = "Only this job's runs.")
    @Nullable
    String job;

    @Option(
            names = "--status",
            paramLabel = "<status>",
            description = "Only runs in this status: STARTING, STARTED, COMPLETED, FAILED, STOPPED, HELD, DISCARDED or"
                    + " PREVIEW (any case).")
    @Nullable
    String status;

    @Option(
            names = "--limit",
            paramLabel = "<n>",
            defaultValue = "20",
            description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Unmatched
    List<String> springArguments = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SpringArguments.check(spec, springArguments);
        String wanted = status == null
                ? null
                : RunStatus.named(status)
                        .orElseThrow(() -> new CommandLine.ParameterException(
                                spec.commandLine(),
                                "--status: expected one of " + Arrays.toString(RunStatus.values()) + ", found '"
                                        + status + "'"))
                        .name();
        if (limit < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--limit: expected a whole number of at least 1, found " + limit);
        }
        try (ConfigurableApplicationContext context = SpringArguments.start(springArguments)) {
            RunReports reports = context.getBean(RunReports.class);
            List<StoredRun> runs = reports.newest(job, wanted, limit);
            if (runs.isEmpty() && job != null && reports.count(job, null) == 0) {
                // a typo in --job would read as "nothing held" in a cron script; the usage would add nothing
                throw new io.segmentbatch.job.InvalidRunRequestException("--job: no run of a job named '" + job
                        + "' in this database (jobs with runs: " + String.join(", ", reports.jobNames()) + ")");
            }
            print(runs);
            return Cli.COMPLETED;
        }
    }

    private static void print(List<StoredRun> runs) {
        int jobs = "job".length();
        for (StoredRun run : runs) {
            jobs = Math.max(jobs, run.jobName().length());
        }
        String format = "%-29s %-" + jobs + "s %-9s %-8s %-20s %-20s %12s %12s %9s%n";
        System.out.printf(
                format, "run", "job", "status", "trigger", "started", "finished", "rows read", "customers", "rejected");
        for (StoredRun run : runs) {
            JobReport report = run.reportJson() == null ? null : ReportFiles.readReport(run.reportJson());
            System.out.printf(
                    format,
                    run.runId(),
                    run.jobName(),
                    run.status(),
                    run.trigger().toLowerCase(Locale.ROOT),
                    time(run.createdAt()),
                    time(run.finishedAt()),
                    report == null ? "" : String.format("%,d", report.input().rowsRead()),
                    report == null ? "" : String.format("%,d", report.input().customers()),
                    report == null ? "" : String.format("%,d", report.input().rowsRejected()));
        }
        System.out.println(SummaryTable.count(runs.size(), "run", "runs"));
    }

    /** {@code 2026-11-28T02:30:41Z}: to the second, in UTC as the reports' times. */
    private static String time(@Nullable Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
