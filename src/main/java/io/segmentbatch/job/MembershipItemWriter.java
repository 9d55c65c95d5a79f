package io.segmentbatch.job;

import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.store.RunCustomers;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of evaluated customers (one row each, with their segment bitmap) in the chunk's transaction. */
class MembershipItemWriter implements ItemWriter<EvaluatedCustomer> {
    private final RunCustomers customers;
    private final long runNo;

    MembershipItemWriter(RunCustomers customers, long runNo) {
        this.customers = customers;
        this.runNo = runNo;
    }

    @Override
    public void write(Chunk<? extends EvaluatedCustomer> chunk) {
        customers.append(runNo, chunk.getItems());
    }
}
