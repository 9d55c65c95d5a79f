package io.segmentbatch.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputFilesTests {
    @TempDir
    Path folder;

    @Test
    void aGlobInAFolderThatIsNotThereSaysSoNamingTheGlob() {
        String glob = folder.resolve("exports").resolve("nothere-*.csv").toString();
        // the scheduled run's warning and the command line's error both show this message alone
        assertThatThrownBy(() -> InputFiles.resolve(glob))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage("input " + glob + ": no file matches (the folder " + folder.resolve("exports")
                        + " does not exist)");
    }

    @Test
    void aGlobMatchesFilesByNameInOrder() throws IOException {
        Files.writeString(folder.resolve("b.csv"), "id\n");
        Files.writeString(folder.resolve("a.csv"), "id\n");
        Files.writeString(folder.resolve("a.txt"), "id\n");
        assertThat(InputFiles.resolve(folder + "/*.csv"))
                .containsExactly(folder.resolve("a.csv"), folder.resolve("b.csv"));
        assertThatThrownBy(() -> InputFiles.resolve(folder + "/*.gz"))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessage("input " + folder + "/*.gz: no file matches");
    }
}
