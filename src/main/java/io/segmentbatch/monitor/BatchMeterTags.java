package io.segmentbatch.monitor;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.stereotype.Component;

/**
 * Gives every Spring Batch item and chunk meter a status tag. Spring Batch 6 records a failed read (a rejected row)
 * without {@code <name>.status}; Prometheus needs one set of tag keys per meter name, so it dropped those meters
 * (with a warning) once a successful one existed. The missing status becomes {@code FAILURE} when the meter names
 * an error, else {@code UNKNOWN}.
 */
@Component
class BatchMeterTags implements MeterFilter {

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = id.getName();
        if (!name.startsWith("spring.batch.item.") && !name.startsWith("spring.batch.chunk.")) {
            return id;
        }
        String statusKey = name + ".status";
        if (id.getTag(statusKey) != null) {
            return id;
        }
        String error = id.getTag("error");
        return id.withTag(Tag.of(statusKey, error != null && !"none".equals(error) ? "FAILURE" : "UNKNOWN"));
    }
}
