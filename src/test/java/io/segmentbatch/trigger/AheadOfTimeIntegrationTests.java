package io.segmentbatch.trigger;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.ChildProcesses;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, as it ships: a local run starts from the bean definitions made at build time ({@link
 * AheadOfTime}) and gives what a run that finds its beans at start gives, file for file (IDs and times aside); a
 * property that decides which beans there are, given on the command line, makes the run find them at start.
 */
class AheadOfTimeIntegrationTests {
    private static final Path JAR = Path.of("target", "segment-batch.jar");
    private static final Path FOLDER = ServeFixtures.tempFolder("aot-");
    private static final String SAY_HOW = "--logging.level.io.segmentbatch.trigger=DEBUG";

    @BeforeAll
    static void generateInput() {
        assertThat(JAR).as("the packaged jar (the package phase makes it)").exists();
        ChildProcesses.Child generate = ChildProcesses.startJar(
                JAR, FOLDER.resolve("generate.log"), "generate-customers", "2000", input().toString());
        assertThat(generate.exitCode(120)).as(generate.console()).isZero();
    }

    /** The export, the runs' outputs and their databases: about 6 MB a time. */
    @AfterAll
    static void removeFolder() throws IOException {
        FileSystemUtils.deleteRecursively(FOLDER);
    }

    @Test
    void aLocalRunFromTheBuildsBeanDefinitionsGivesWhatARunThatFindsThemAtStartGives() {
        ChildProcesses.Child ahead = run("ahead", SAY_HOW);
        ChildProcesses.Child found = run("found", SAY_HOW, "--segment-batch.aot=false");

        assertThat(ahead.exitCode(180)).as(ahead.console()).isZero();
        assertThat(found.exitCode(180)).as(found.console()).isZero();
        assertThat(ahead.console()).contains("starting from the bean definitions made ahead of time");
        assertThat(found.console())
                .contains("starting without the ahead-of-time bean definitions: segment-batch.aot=false")
                .doesNotContain("made ahead of time");
        assertThat(outputs("ahead")).hasSizeGreaterThan(3).isEqualTo(outputs("found"));
    }

    @Test
    void aPropertyThatDecidesWhichBeansThereAreMakesTheRunFindThemAtStart() {
        ChildProcesses.Child run =
                run("deciding", SAY_HOW, "--management.prometheus.metrics.export.pushgateway.enabled=false");

        assertThat(run.exitCode(180)).as(run.console()).isZero();
        assertThat(run.console())
                .contains("starting without the ahead-of-time bean definitions: management (commandLineArgs)"
                        + " decides which beans there are");
    }

    /**
     * What Spring Boot's conditions read in a local run's context (its condition report): every property a property
     * condition names is one that turns the build's definitions off, and every other condition that reads settings is
     * one whose settings were looked at. An upgrade of Spring Boot that adds one makes this fail, to be looked at.
     */
    @Test
    void everyConditionOfALocalRunThatReadsSettingsReadsOnlyOnesThatTurnTheDefinitionsOff() {
        Set<String> properties = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        Pattern named = Pattern.compile("\\(([a-z][a-z0-9.-]*)(=[^)]*)?\\)|property '([a-z][a-z0-9.-]*)'");
        try (ConfigurableApplicationContext context = SpringArguments.start(
                List.of("--spring.datasource.url=" + ServeFixtures.h2Url("aot-conditions")),
                SpringArguments.WITHOUT_WEB_SERVER_OR_MESSAGING)) {
            ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
            report.getConditionAndOutcomesBySource()
                    .values()
                    .forEach(outcomes -> outcomes.forEach(outcome -> {
                        String condition = outcome.getCondition().getClass().getSimpleName();
                        String message = outcome.getOutcome().getMessage();
                        if (condition.equals("OnPropertyCondition")) {
                            Matcher matcher = named.matcher(message == null ? "" : message);
                            while (matcher.find()) {
                                properties.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(3));
                            }
                        } else if (!READ_NO_SETTINGS.contains(condition.substring(condition.lastIndexOf('.') + 1))) {
                            others.add(condition.substring(condition.lastIndexOf('.') + 1));
                        }
                    }));
        }

        assertThat(properties)
                .contains("segment-batch.serve.jobs", "spring.batch.job.enabled")
                .allSatisfy(property -> assertThat(AheadOfTime.DECIDING)
                        .as(property)
                        .anyMatch(prefix -> property.equals(prefix) || property.startsWith(prefix + ".")));
        // the settings each reads: management.endpoint(s).*, management.info.*, spring.threads.virtual.enabled,
        // management.*.metrics.export.*, management.server.port, spring.sql.init.mode, spring.flyway.url/user/...,
        // spring.datasource.url (set by the application's own file whatever the user sets), spring.datasource.type,
        // spring.task.execution.mode, spring.messages.basename, spring.info.git.location, the logging system,
        // spring.batch.jdbc.initialize-schema and (RemotePartitioning.OnRemote) segment-batch.remote.*
        assertThat(others)
                .isSubsetOf(
                        "OnAvailableEndpointCondition",
                        "OnEnabledInfoContributorCondition",
                        "OnThreadingCondition",
                        "OnMetricsExportEnabledCondition",
                        "OnManagementPortCondition",
                        "OnSqlInitializationCondition",
                        "FlywayDataSourceCondition",
                        "EmbeddedDatabaseCondition",
                        "PooledDataSourceCondition",
                        "OnExecutorCondition",
                        "ResourceBundleCondition",
                        "GitResourceAvailableCondition",
                        "ApplicationStartupCondition",
                        "LogbackLoggingCondition",
                        "OnBatchDatasourceInitializationCondition",
                        "OnRemote");
    }

    /** Conditions on classes, beans, resources and the kind of application: no setting decides them. */
    private static final Set<String> READ_NO_SETTINGS = Set.of(
            "OnClassCondition",
            "OnBeanCondition",
            "OnWebApplicationCondition",
            "OnResourceCondition",
            "MultipleNonPrimaryMeterRegistriesCondition");

    private static Path input() {
        return FOLDER.resolve("customers.csv");
    }

    private static ChildProcesses.Child run(String name, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "run",
                Path.of("jobs", "sample-segments.json").toAbsolutePath().toString(),
                "--input",
                input().toString(),
                "--output",
                FOLDER.resolve(name).toString(),
                "--as-of",
                "2026-11-01T12:00:00Z",
                "--segment-batch.progress.mode=lines",
                "--spring.datasource.url=jdbc:h2:file:"
                        + FOLDER.resolve(name + "-db").resolve("segment-batch")
                        + ";MODE=PostgreSQL;AUTO_SERVER=TRUE;WRITE_DELAY=0;DEFAULT_LOCK_TIMEOUT=60000"));
        arguments.addAll(List.of(more));
        return ChildProcesses.startJar(JAR, FOLDER.resolve(name + ".log"), arguments.toArray(String[]::new));
    }

    /**
     * The run's report, events and rejects with IDs and times replaced, and its static segment files, in the report's
     * order.
     */
    private static List<String> outputs(String name) {
        try (Stream<Path> runs = Files.list(FOLDER.resolve(name).resolve("sample-segments"))) {
            Path run = runs.findFirst().orElseThrow();
            List<String> outputs = new ArrayList<>();
            for (String file : List.of("report.json", "events.ndjson", "rejects.csv")) {
                outputs.add(file + ": " + withoutIdsAndTimes(Files.readString(run.resolve(file))));
            }
            JsonNode report = RunFixtures.json(run.resolve("report.json"));
            for (JsonNode segment : report.get("segments")) {
                for (JsonNode part : segment.path("static_segments")) {
                    outputs.add(part.at("/segment/name").asString() + ": "
                            + Files.readString(run.resolve(part.get("file").asString())));
                }
            }
            return outputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withoutIdsAndTimes(String text) {
        return text.replaceAll("\\b(seg|evcus|run)_[A-Za-z0-9_]+", "$1_…")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "…");
    }
}
