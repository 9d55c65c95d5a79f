package io.segmentbatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default's URL as the application ships it (application.properties: auto-server, page cache, page size,
 * write delay), for a database file under a folder of the test's instead of the working directory's {@code data/}.
 */
public final class ShippedH2Url {

    private ShippedH2Url() {}

    /** The shipped URL, its file moved to {@code folder/data/segment-batch}. */
    public static String under(Path folder) throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = ShippedH2Url.class.getResourceAsStream("/application.properties")) {
            shipped.load(Objects.requireNonNull(in, "application.properties"));
        }
        String url = shipped.getProperty("spring.datasource.url", "");
        assertThat(url).startsWith("jdbc:h2:file:./data/segment-batch;").contains("AUTO_SERVER=TRUE");
        return url.replace(
                "./data/segment-batch",
                folder.resolve("data").resolve("segment-batch").toString());
    }
}
