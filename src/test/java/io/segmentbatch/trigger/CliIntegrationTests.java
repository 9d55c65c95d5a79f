package io.segmentbatch.trigger;

import io.micrometer.core.instrument.MeterRegistry;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
import io.segmentbatch.job.RunLauncher;
import io.segmentbatch.sample.CustomerGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user calls it: arguments in, exit code and printed text out. */
class CliIntegrationTests {
    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private final String database =
            "--spring.datasource.url=jdbc:h2:mem:cli-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void runExitsZeroPrintsTheSegmentTableAndThePathOfTheReport() {
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path job = RunFixtures.job("job-segments.json", "cli-run", input, folder);
        int code = Cli.execute(
                "run",
                job.toString(),
                "--output",
                folder.resolve("out").toString(),
                "--as-of",
                "2026-11-01T00:00:00Z",
                database);
        assertThat(code).as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed)
                .contains(
                        "COMPLETED",
                        "Input: 8 rows read, 8 customers, 0 rejected",
                        "segment",
                        "members",
                        "static",
                        "entered",
                        "left",
                        "Warsaw",
                        "Big spenders",
                        "VIP",
                        "Beta");
        assertThat(printed).containsPattern("Report: .*out/cli-run/run_\\w+/report.json");
    }

    @Test
    void runsListsTheNewestRunsOfAJobOrAStatusWithTheirIdsAndCounts() {
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path job = RunFixtures.job("job-segments.json", "cli-runs", input, folder);
        Path other = RunFixtures.job("job-segments.json", "cli-runs-other", input, folder);
        String output = folder.resolve("out").toString();
        assertThat(Cli.execute("run", job.toString(), "--output", output, database))
                .isZero();
        assertThat(Cli.execute("run", other.toString(), "--output", output, database))
                .isZero();
        assertThat(Cli.execute(
                        "run",
                        job.toString(),
                        "--input",
                        folder.resolve("nope.csv").toString(),
                        "--output",
                        output,
                        database))
                .isEqualTo(2);
        out.reset();

        assertThat(Cli.execute("runs", "--job", "cli-runs", database))
                .as(err.toString())
                .isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("run ").contains("status", "rows read", "customers", "rejected");
        assertThat(lines.get(1)).matches("run_\\w+ +cli-runs +COMPLETED +manual +\\S+Z +\\S+Z +8 +8 +0");
        assertThat(lines.get(2)).isEqualTo("1 run");

        out.reset();
        assertThat(Cli.execute("runs", "--status", "completed", "--limit", "5", database))
                .isZero();
        assertThat(out.toString()).contains("cli-runs-other", "2 runs");
        out.reset();
        assertThat(Cli.execute("runs", "--status", "held", database)).isZero();
        assertThat(out.toString()).endsWith("0 runs" + System.lineSeparator());
        assertThat(Cli.execute("runs", "--status", "done", database)).isEqualTo(2);
        assertThat(err.toString()).contains("--status: expected one of", "found 'done'");
        err.reset();
        assertThat(Cli.execute("runs", "--job", "cli-rnus", "--status", "held", database))
                .as("a typo in --job is not 'nothing held'")
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--job: no run of a job named 'cli-rnus'", "jobs with runs: ")
                .contains("cli-runs, cli-runs-other")
                .as("one line: no usage, no stack trace to offer")
                .doesNotContain("Usage:", "--debug");
    }

    @Test
    void aOneShotCommandStartsWithoutWhatOnlyAWebServerUsesAndWithWhatARunNeeds() {
        try (ConfigurableApplicationContext context = SpringArguments.start(List.of(database))) {
            assertThat(context.getBeanNamesForType(HealthContributorRegistry.class))
                    .as("health")
                    .isEmpty();
            assertThat(context.getBeanNamesForType(DiskSpaceHealthIndicator.class))
                    .as("a health indicator")
                    .isEmpty();
            assertThat(context.getBeanNamesForType(jakarta.validation.Validator.class))
                    .as("bean validation")
                    .isEmpty();
            assertThat(context.getBeanNamesForType(RunLauncher.class)).hasSize(1);
            assertThat(context.getBeanNamesForType(MeterRegistry.class))
                    .as("the metrics a Pushgateway is pushed")
                    .isNotEmpty();
        }
    }

    @Test
    void onATerminalRunDrawsALiveProgressBarInPlace() {
        Path input = folder.resolve("customers.csv");
        CustomerGenerator.write(30_000, input, 11);
        Path job = RunFixtures.job("job-all.json", "cli-bar", input, folder);
        int code = Cli.execute(
                "run",
                job.toString(),
                "--output",
                folder.resolve("out").toString(),
                database,
                "--segment-batch.progress.mode=bar",
                "--segment-batch.progress.refresh=50ms",
                "--segment-batch.chunk-size=500");
        assertThat(code).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .containsPattern("\\revaluate +\\[[#-]{24}\\] +[0-9.]+%  [0-9,]+ rows  [0-9,]+ rows/s  ETA ");
        assertThat(printed).contains("[########################] 100.0%  30,000 rows");
    }

    @Test
    void withoutATerminalRunLogsAPlainProgressLineOnATimer() {
        Path input = folder.resolve("customers.csv");
        CustomerGenerator.write(30_000, input, 12);
        Path job = RunFixtures.job("job-all.json", "cli-lines", input, folder);
        int code = Cli.execute(
                "run",
                job.toString(),
                "--output",
                folder.resolve("out").toString(),
                database,
                "--segment-batch.progress.interval=100ms",
                "--segment-batch.chunk-size=500");
        assertThat(code).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .containsPattern("run run_\\w+: step [a-z-]+, [0-9,]+ rows read, ([0-9,]+ rows/s, [0-9.]+% of input"
                        + "|[0-9.]+% of input, [0-9:]+ elapsed)")
                .doesNotContain("\r");
    }

    @Test
    void inputReplacesTheJobsInputPath() throws IOException {
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path job = RunFixtures.job("job-all.json", "cli-input", folder.resolve("missing.csv"), folder);
        int code = Cli.execute(
                "run",
                job.toString(),
                "--input",
                input.toString(),
                "--output",
                folder.resolve("out").toString(),
                database);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("8 customers");
    }

    @Test
    void aRunPastItsSkipLimitExitsOne() {
        Path input = RunFixtures.copy("customers-bad.csv", folder);
        Path job = JobFile.of("job-all.json")
                .name("cli-fail")
                .input(input)
                .set("skip_limit", 1)
                .writeTo(folder);
        int code = Cli.execute(
                "run", job.toString(), "--output", folder.resolve("out").toString(), database);
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED", "skip_limit");
        assertThat(out.toString())
                .contains(
                        "Encountered an error executing step evaluate-partition in job segmentation: "
                                + "RejectedRowException: ",
                        "(--debug prints the stack trace)");
        assertNoStackTrace();
    }

    @Test
    void anInvalidDefinitionExitsTwoWithEveryErrorAndWritesNothing() throws IOException {
        Path job = folder.resolve("bad.json");
        Files.writeString(
                job,
                "{\"name\": \"bad\", \"segments\": [{\"name\": \"A\", \"type\": \"passive\", "
                        + "\"filter\": {\"shoe_size\": {\"conditions\": {\"$is\": [1]}}}}, {\"name\": \"A\", \"type\": \"static\", \"customers\": []}]}");
        int validate = Cli.execute("validate", job.toString());
        assertThat(validate).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "bad.json: $.segments[0].filter",
                        "shoe_size",
                        "bad.json: $.segments[1].name",
                        "2 errors; nothing was run.");

        int run = Cli.execute(
                "run", job.toString(), "--output", folder.resolve("out").toString(), database);
        assertThat(run).isEqualTo(2);
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void serveRefusesToStartWithEveryErrorOfEveryInvalidJobFile() throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        RunFixtures.job("job-segments.json", "fine", folder.resolve("x.csv"), jobs);
        Files.writeString(
                jobs.resolve("broken.json"),
                "{\"name\": \"broken\", \"schedule\": {\"cron\": \"every day\"}, \"segments\": []}");
        RunFixtures.job(
                "job-all.json", "fine", folder.resolve("x.csv"), Files.createDirectories(folder.resolve("copy")));
        Files.copy(folder.resolve("copy/fine.json"), jobs.resolve("fine-again.json"));

        assertThat(Cli.execute("serve", "--jobs", jobs.toString(), database, "--server.port=0"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "broken.json: $.schedule.cron",
                        "broken.json: $.input.path: a job with a schedule needs input.path",
                        "broken.json: $.segments",
                        "fine.json: $.name",
                        "also used by",
                        "fine-again.json",
                        "4 errors; nothing was run.",
                        "serve did not start");
    }

    @Test
    void serveRefusesToStartWithoutCredentials() throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        RunFixtures.job("job-segments.json", "fine", folder.resolve("x.csv"), jobs);

        assertThat(Cli.execute("serve", "--jobs", jobs.toString(), database, "--server.port=0"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("no API credentials configured", "SEGMENT_BATCH_APP_ID", "SEGMENT_BATCH_APP_TOKEN");
        assertNoStackTrace();
        assertThat(err.toString().lines().filter(line -> !line.isBlank()).count())
                .isEqualTo(1);
    }

    @Test
    void serveOnAPortInUseSaysSoInOneLine() throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        RunFixtures.job("job-segments.json", "fine", folder.resolve("x.csv"), jobs);
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int code = Cli.execute(
                    "serve",
                    "--jobs",
                    jobs.toString(),
                    database,
                    "--server.port=" + taken.getLocalPort(),
                    "--segment-batch.app-id=id",
                    "--segment-batch.app-token=token");
            assertThat(code).isEqualTo(2);
            assertThat(err.toString())
                    .contains("serve did not start: Port " + taken.getLocalPort() + " is already in use");
        }
        assertNoStackTrace();
    }

    private void assertNoStackTrace() {
        assertThat(out.toString() + err.toString())
                .doesNotContainPattern(
                        "(?m)^(\\s+at |Caused by|\\s*\\.\\.\\. \\d+ (common frames omitted|more)|[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*(Exception|Error)\\b)");
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitTwoAndDebugAddsTheStackTrace() {
        Path job = RunFixtures.job("job-all.json", "cli-nodb", RunFixtures.copy("customers-1.csv", folder), folder);
        String url = "jdbc:postgresql://127.0.0.1:1/segment_batch";

        int code = Cli.execute(
                "run", job.toString(), "--output", folder.resolve("out").toString(), "--spring.datasource.url=" + url);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("error: cannot connect to the database at " + url + ": connection refused");
        assertNoStackTrace();
        assertThat(Cli.execute("run", job.toString(), "--debug", "--spring.datasource.url=" + url))
                .isEqualTo(2);
        assertThat(err.toString()).contains("\tat ", "ConnectException");
    }

    @Test
    void aMistypedProfileIsRefusedBeforeAnythingRuns() {
        int code = runWith("cli-profile", "--spring.profiles.active=postgress");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown profile 'postgress'", "postgres");
        assertThat(folder.resolve("out")).doesNotExist();
        assertNoStackTrace();
    }

    @Test
    void aSettingWithAValueItCannotTakeIsRefusedWithItsNameBeforeAnythingRuns() {
        int code = runWith(
                "cli-settings",
                "--segment-batch.chunk-size=0",
                "--segment-batch.partition-size=abc",
                "--segment-batch.progress.mode=foo",
                "--segment-batch.remote.timeout=0s");

        assertThat(code).as("a run with chunks of 0 rows hung at 0 rows read").isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "segment-batch.chunk-size=0: expected a whole number of at least 1",
                        "segment-batch.partition-size=abc: expected a size of at least 1 byte",
                        "segment-batch.progress.mode=foo: expected bar or lines",
                        "segment-batch.remote.timeout=0s: expected a duration longer than zero");
        assertThat(folder.resolve("out")).doesNotExist();
        assertNoStackTrace();
    }

    @Test
    void anAsOfOutsideTheYears1900To9999AndANegativeCountAreBadUsage() {
        assertThat(Cli.execute("run", "job.json", "--as-of", "+999999999-12-31T23:59:59Z"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--as-of", "outside the years 1900 to 9999");
        assertThat(Cli.execute(
                        "generate-customers",
                        "--",
                        "-5",
                        folder.resolve("c.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("expected 0 or more customers, found -5");
        assertThat(folder.resolve("c.csv")).doesNotExist();
        assertNoStackTrace();
    }

    @Test
    void aFileTheGeneratorCannotWriteIsOneLineWithTheReason() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("not-a-folder"), "");
        Path target = notAFolder.resolve("c.csv");

        assertThat(Cli.execute("generate-customers", "10", target.toString())).isEqualTo(2);
        assertThat(err.toString())
                .as("it said only 'error: " + target + "'")
                .contains("error: cannot write " + target + " (" + notAFolder + " is a file, not a folder)");
        assertNoStackTrace();
    }

    @Test
    void validateAcceptsAGoodDefinition() {
        Path job = RunFixtures.job("job-segments.json", "cli-valid", folder.resolve("x.csv"), folder);
        assertThat(Cli.execute("validate", job.toString())).isZero();
        assertThat(out.toString()).contains("valid", "4 segments");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(Cli.execute("run")).isEqualTo(2);
        assertThat(Cli.execute("run", "job.json", "--as-of", "yesterday")).isEqualTo(2);
        assertThat(Cli.execute("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("--as-of", "yesterday");
    }

    @Test
    void aMissingInputExitsTwo() {
        Path job = RunFixtures.job("job-all.json", "cli-noinput", folder.resolve("missing.csv"), folder);
        assertThat(Cli.execute(
                        "run", job.toString(), "--output", folder.resolve("out").toString(), database))
                .isEqualTo(2);
        assertThat(err.toString()).contains("missing.csv", "no such file");

        // a folder given as the input is not "no such file"
        assertThat(Cli.execute(
                        "run",
                        job.toString(),
                        "--input",
                        folder.toString(),
                        "--output",
                        folder.resolve("out").toString(),
                        database))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "input " + folder + ": a folder, not a file",
                        folder.resolve("*.csv").toString());
    }

    @Test
    void helpIsThereForTheCommandAndEachSubcommand() {
        List<Integer> codes = new ArrayList<>();
        codes.add(Cli.execute("--help"));
        codes.add(Cli.execute("run", "--help"));
        codes.add(Cli.execute("validate", "--help"));
        assertThat(codes).containsOnly(0);
        assertThat(out.toString())
                .contains(
                        "Usage: segment-batch",
                        "Usage: segment-batch run",
                        "--as-of",
                        "Usage: segment-batch validate",
                        "Exit codes");
    }

    /** {@code run} of a job of the sample customers, output under the test's folder, with these settings added. */
    private int runWith(String jobName, String... settings) {
        Path job = RunFixtures.job("job-all.json", jobName, RunFixtures.copy("customers-1.csv", folder), folder);
        List<String> arguments = new ArrayList<>(
                List.of("run", job.toString(), "--output", folder.resolve("out").toString(), database));
        arguments.addAll(List.of(settings));
        return Cli.execute(arguments.toArray(String[]::new));
    }
}
