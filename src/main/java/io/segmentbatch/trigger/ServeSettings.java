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
 * @param minFileAge    a file is taken only once its size and modification time have not changed for this long
 *                      (default 5 s; 0: as soon as it has its final name)
 */
@ConfigurationProperties("segment-batch.serve")
record ServeSettings(Path jobs, Path output, Duration pollInterval, Duration minFileAge) {
    static final Duration DEFAULT_MIN_FILE_AGE = Duration.ofSeconds(5);

    ServeSettings {
        output = output == null ? Path.of("out") : output;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        minFileAge = minFileAge == null ? DEFAULT_MIN_FILE_AGE : minFileAge;
    }
}
