package io.segmentbatch;

import io.segmentbatch.trigger.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot application; {@link #main} hands the command line to {@link Cli}. */
@SpringBootApplication
public class SegmentBatchApplication {

    public static void main(String[] args) {
        System.exit(Cli.execute(args));
    }
}
