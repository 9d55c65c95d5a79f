package io.segmentbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot entry point; the command line lives in {@code trigger}. */
@SpringBootApplication
public class SegmentBatchApplication {
}
