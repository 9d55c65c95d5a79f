package io.segmentbatch.trigger;

import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command line says about inputs and outputs it cannot use: exit code and printed text. */
class CliInputIntegrationTests {
    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private final String database =
            "--spring.datasource.url=jdbc:h2:mem:cli-input-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";

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
    void anExportWithoutAnIdentityColumnFailsAtItsHeaderWithTheColumnsFound() throws IOException {
        Path input = folder.resolve("no-identity.csv");
        Files.writeString(input, "email,name\na@x.com,Ann\nb@x.com,Bob\n");
        Path job = RunFixtures.job("job-all.json", "cli-no-identity", input, folder);
        int code = Cli.execute(
                "run", job.toString(), "--output", folder.resolve("out").toString(), database);
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString())
                .contains(
                        "FAILED",
                        "Input, as of its last commit: 0 rows read",
                        "neither an id nor a source_id",
                        "columns found: 'email', 'name'");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsRefusedBeforeTheInputIsReadAndNoReportIsNamed() throws IOException {
        Path input = RunFixtures.copy("customers-1.csv", folder);
        Path job = RunFixtures.job("job-all.json", "cli-no-output", input, folder);
        Path aFile = Files.writeString(folder.resolve("not-a-folder"), "x");
        int code = Cli.execute(
                "run", job.toString(), "--output", aFile.resolve("out").toString(), database);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("output folder", "not-a-folder", "cannot be written (Not a directory)", "nothing was read");
        assertThat(out.toString()).doesNotContain("Report:");
    }
}
