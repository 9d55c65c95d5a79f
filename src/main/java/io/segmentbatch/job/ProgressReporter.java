package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.segment.EvaluatedCustomer;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Feeds the evaluate step's reading into the run's {@link RunProgress} after every chunk, on the step's thread; the
 * progress display ({@code monitor.ProgressDisplay}) prints it on a timer. A reader that updates its own
 * {@link RunProgress.Part} as it reads makes this listener unnecessary.
 */
class ProgressReporter implements ChunkListener<Customer, EvaluatedCustomer> {
    private final CustomerItemReader reader;
    private final RunProgress progress;
    private RunProgress.Part part;

    ProgressReporter(CustomerItemReader reader, RunProgress progress) {
        this.reader = reader;
        this.progress = progress;
    }

    @Override
    public void afterChunk(Chunk<EvaluatedCustomer> chunk) {
        ExportReader export = reader.export();
        if (part == null) {
            part = progress.part(export.totalBytes());
        }
        part.update(export.bytesRead(), export.recordsRead());
    }
}
