package io.segmentbatch.job;

import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.MembershipStore;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of evaluated customers and their memberships in one go, in the chunk's transaction. */
class MembershipItemWriter implements ItemWriter<EvaluatedCustomer> {
    private final MembershipStore store;
    private final long runNo;

    MembershipItemWriter(MembershipStore store, long runNo) {
        this.store = store;
        this.runNo = runNo;
    }

    @Override
    public void write(Chunk<? extends EvaluatedCustomer> chunk) {
        @SuppressWarnings("unchecked")
        java.util.List<EvaluatedCustomer> items = (java.util.List<EvaluatedCustomer>) chunk.getItems();
        store.append(runNo, items);
    }
}
