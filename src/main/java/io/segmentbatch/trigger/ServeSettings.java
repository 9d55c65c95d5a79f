package io.segmentbatch.trigger;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Serve mode's settings ({@code segment-batch.serve.*}); {@code segment-batch serve} sets the folders.
 *
 * @param jobs          the folder of job files
 * @param output        where runs write their folders
 * @param pollInterval  how often each inbox is listed
 * @param minFileAge    a file is taken only once unchanged this long (0: as soon as it has its final name)
 */
@ConfigurationProperties("segment-batch.serve")
record ServeSettings(Path jobs, Path output, Duration pollInterval, Duration minFileAge) {
    ServeSettings {
        output = output == null ? Path.of("out") : output;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        minFileAge = minFileAge == null ? Duration.ZERO : minFileAge;
    }
}
