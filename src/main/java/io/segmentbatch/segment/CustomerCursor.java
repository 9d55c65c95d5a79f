package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

/** A run's stored customers in identity order (Unicode code point order), read as they stream from the store. */
public interface CustomerCursor extends AutoCloseable {

    /** The next customer, or null after the last. */
    @Nullable
    StoredCustomer next();

    @Override
    void close();

    /** A cursor over no customers: the baseline of a segment evaluated for the first time. */
    static CustomerCursor empty() {
        return new CustomerCursor() {
            @Override
            public @Nullable StoredCustomer next() {
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
