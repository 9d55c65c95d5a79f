package io.segmentbatch.monitor;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed read's timer, which Spring Batch records without a status, still reaches Prometheus. */
class BatchMeterTagsTests {

    @Test
    void aReadTimerWithoutStatusGetsOneAndIsKept() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new BatchMeterTags());
        Timer.builder("spring.batch.item.read")
                .tags(
                        "error",
                        "none",
                        "spring.batch.item.read.job.name",
                        "segmentation",
                        "spring.batch.item.read.step.name",
                        "evaluate",
                        "spring.batch.item.read.status",
                        "SUCCESS")
                .register(registry)
                .record(Duration.ofMillis(3));
        Timer.builder("spring.batch.item.read")
                .tags(
                        "error",
                        "RejectedRowException",
                        "spring.batch.item.read.job.name",
                        "segmentation",
                        "spring.batch.item.read.step.name",
                        "evaluate")
                .register(registry)
                .record(Duration.ofMillis(5));
        Timer.builder("segment_batch.other").register(registry).record(Duration.ofMillis(1));

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("spring_batch_item_read_status=\"SUCCESS\"")
                .contains("error=\"RejectedRowException\"", "spring_batch_item_read_status=\"FAILURE\"")
                .contains("segment_batch_other_seconds_count");
    }
}
