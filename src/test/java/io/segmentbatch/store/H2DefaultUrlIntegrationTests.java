package io.segmentbatch.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default stores each commit on the committing thread: H2's background writer, and with it the
 * serialization and save threads it pipelines chunks through, never start. In H2 2.4.240 that pipeline can spin
 * forever (README, <i>Running on the embedded default</i>).
 */
class H2DefaultUrlIntegrationTests {

    @TempDir
    Path folder;

    @Test
    void theShippedUrlOpensTheFileWithoutH2sBackgroundWriter() throws Exception {
        String url = ShippedH2Url.under(folder);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
            statement.execute("INSERT INTO t SELECT X, 'value ' || X FROM SYSTEM_RANGE(1, 20000)");

            String file = folder.resolve("data").toString();
            assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .as("H2 names its background writer after the file it writes")
                    .noneMatch(name -> name.startsWith("MVStore background writer") && name.contains(file));
        }
    }
}
