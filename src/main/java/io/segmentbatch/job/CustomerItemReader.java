package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.customer.RejectedRowException;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;

/**
 * One partition of the export (see {@link ExportPartitioner}) as a restartable Spring Batch reader. The number of
 * records handed out is saved at every commit; a restart skips that many. The bytes read so far are saved beside it,
 * for a remote run's manager, which sees its workers' progress only in the job repository. A customer ID seen twice is found once
 * every partition is stored ({@code dedupe} step), so partitions read independently.
 */
class CustomerItemReader implements ItemStreamReader<Customer> {
    private static final String RECORDS = "reader.records";
    private static final String BYTES = "reader.bytes";

    private final ExportReader export;
    private final RunProgress.Part progress;
    private long handedOut;

    /** @param progress this partition's share of the run's progress, updated as it reads */
    CustomerItemReader(ExportReader export, RunProgress.Part progress) {
        this.export = export;
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext context) {
        export.checkHeaders();
        long skip = context.getLong(RECORDS, 0L);
        for (long i = 0; i < skip; i++) {
            try {
                if (export.next() == null) {
                    break;
                }
            } catch (RejectedRowException e) {
                // counted when it was first read
            }
        }
        handedOut = skip;
    }

    @Override
    public @Nullable Customer read() {
        handedOut++;
        if ((handedOut & 1023) == 0) {
            reportProgress();
        }
        Customer customer = export.next();
        if (customer == null) {
            handedOut--;
            reportProgress();
        }
        return customer;
    }

    private void reportProgress() {
        progress.update(export.bytesRead(), handedOut);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS, handedOut);
        context.putLong(BYTES, export.bytesRead());
    }

    /** The bytes of its partition a reader had read at its last commit, 0 before its first. */
    static long bytesCommitted(ExecutionContext partition) {
        return partition.getLong(BYTES, 0L);
    }

    @Override
    public void close() {
        try {
            export.close();
        } catch (IOException e) {
            throw new ItemStreamException("closing the export failed", e);
        }
    }
}
