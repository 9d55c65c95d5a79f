package io.segmentbatch.job;

import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.customer.Customer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;

/** Logs rows read, rows per second and the share of input bytes done, at most every few seconds. */
class ProgressReporter implements ChunkListener<Customer, EvaluatedCustomer> {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final CustomerItemReader reader;
    private final String runId;
    private final long started = System.nanoTime();
    private long lastReport = started;

    ProgressReporter(CustomerItemReader reader, String runId) {
        this.reader = reader;
        this.runId = runId;
    }

    @Override
    public void afterChunk(Chunk<EvaluatedCustomer> chunk) {
        long now = System.nanoTime();
        if (now - lastReport < INTERVAL_NANOS) {
            return;
        }
        lastReport = now;
        ExportReader export = reader.export();
        long rows = export.recordsRead();
        double seconds = (now - started) / 1e9;
        double share = export.totalBytes() == 0 ? 100 : 100.0 * export.bytesRead() / export.totalBytes();
        log.info(String.format("run %s: %,d rows read, %,.0f rows/s, %.1f%% of input", runId, rows, rows / seconds, share));
    }
}
