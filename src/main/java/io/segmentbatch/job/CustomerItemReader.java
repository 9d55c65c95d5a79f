package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.customer.RejectedRowException;
import io.segmentbatch.customer.RowSource;
import io.segmentbatch.segment.MembershipStore;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The export as a restartable Spring Batch reader. It reads a block of records ahead and rejects customer IDs
 * seen earlier in the run: against the block itself, the block before it, and (one query per block) the
 * customers already stored, so memory stays flat however large the export. The number of records handed out
 * is saved at every commit; a restart skips that many.
 */
class CustomerItemReader implements ItemStreamReader<Customer> {
    private static final String RECORDS = "reader.records";

    private final ExportReader export;
    private final MembershipStore store;
    private final long runNo;
    private final int blockSize;
    private final Deque<Object> block = new ArrayDeque<>();
    private Map<String, RowSource> previousBlock = Map.of();
    private long handedOut;

    CustomerItemReader(ExportReader export, MembershipStore store, long runNo, int blockSize) {
        this.export = export;
        this.store = store;
        this.runNo = runNo;
        this.blockSize = blockSize;
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
    public Customer read() {
        if (block.isEmpty()) {
            fillBlock();
            if (block.isEmpty()) {
                return null;
            }
        }
        handedOut++;
        Object next = block.poll();
        if (next instanceof RejectedRowException rejected) {
            throw rejected;
        }
        return (Customer) next;
    }

    private void fillBlock() {
        List<Customer> customers = new ArrayList<>(blockSize);
        for (int i = 0; i < blockSize; i++) {
            try {
                Customer customer = export.next();
                if (customer == null) {
                    break;
                }
                block.add(customer);
                customers.add(customer);
            } catch (RejectedRowException e) {
                block.add(e);
            }
        }
        rejectDuplicates(customers);
    }

    private void rejectDuplicates(List<Customer> customers) {
        var stored = store.storedKeys(runNo, customers.stream().map(Customer::key).toList());
        Map<String, RowSource> seen = new HashMap<>(customers.size() * 2);
        List<Object> checked = new ArrayList<>(block.size());
        for (Object item : block) {
            if (item instanceof Customer customer) {
                RowSource first = seen.containsKey(customer.key()) ? seen.get(customer.key()) : previousBlock.get(customer.key());
                if (first != null || stored.contains(customer.key())) {
                    String where = first != null ? " (first on line " + first.line() + " of " + first.file() + ")" : "";
                    item = new RejectedRowException(customer.source(), "duplicate customer ID '" + customer.key()
                            + "': already seen earlier in this run" + where, customer.raw());
                } else {
                    seen.put(customer.key(), customer.source());
                }
            }
            checked.add(item);
        }
        block.clear();
        block.addAll(checked);
        previousBlock = seen;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS, handedOut);
    }

    @Override
    public void close() {
        try {
            export.close();
        } catch (IOException e) {
            throw new ItemStreamException("closing the export failed", e);
        }
    }

    ExportReader export() {
        return export;
    }
}
