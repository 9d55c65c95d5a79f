package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-ahead thread: every customer in order, a failure where the cursor had it, and a clean stop. */
class ReadAheadCursorTests {

    @Test
    void givesEveryCustomerInOrderAcrossBatchesThenNothing() {
        int count = 3 * ReadAheadCursor.BATCH + 5;
        Source source = new Source(count, -1);

        List<String> keys = new ArrayList<>();
        try (ReadAheadCursor cursor = new ReadAheadCursor(source, "test-read")) {
            for (StoredCustomer customer; (customer = cursor.next()) != null; ) {
                keys.add(customer.key());
            }
            assertThat(cursor.next()).isNull();
        }

        assertThat(keys).hasSize(count).isSorted();
        assertThat(keys.get(0)).isEqualTo(Source.key(0));
        assertThat(keys.get(count - 1)).isEqualTo(Source.key(count - 1));
        assertThat(source.closed).isTrue();
    }

    @Test
    void aCursorOfExactlyOneBatchEnds() {
        Source source = new Source(ReadAheadCursor.BATCH, -1);

        int read = 0;
        try (ReadAheadCursor cursor = new ReadAheadCursor(source, "test-read")) {
            while (cursor.next() != null) {
                read++;
            }
        }

        assertThat(read).isEqualTo(ReadAheadCursor.BATCH);
    }

    @Test
    void anEmptyCursorGivesNothing() {
        try (ReadAheadCursor cursor = new ReadAheadCursor(new Source(0, -1), "test-read")) {
            assertThat(cursor.next()).isNull();
        }
    }

    @Test
    void aFailureComesAfterTheCustomersReadBeforeIt() {
        int failAt = ReadAheadCursor.BATCH + 10;
        Source source = new Source(5 * ReadAheadCursor.BATCH, failAt);

        List<String> keys = new ArrayList<>();
        try (ReadAheadCursor cursor = new ReadAheadCursor(source, "test-read")) {
            assertThatThrownBy(() -> {
                        for (StoredCustomer customer; (customer = cursor.next()) != null; ) {
                            keys.add(customer.key());
                        }
                    })
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("reading stored customers failed: connection lost");
            assertThat(cursor.next()).isNull();
        }

        assertThat(keys).hasSize(failAt);
        assertThat(source.closed).isTrue();
    }

    @Test
    void anErrorReachesTheCallerToo() {
        Source source = new Source(2 * ReadAheadCursor.BATCH, 3, true);

        try (ReadAheadCursor cursor = new ReadAheadCursor(source, "test-read")) {
            for (int i = 0; i < 3; i++) {
                assertThat(cursor.next()).isNotNull();
            }
            assertThatThrownBy(cursor::next)
                    .isInstanceOf(StackOverflowError.class)
                    .hasMessage("deep");
        }
    }

    @Test
    void closingStopsTheReadingBeforeTheCursorIsClosed() {
        // endless: the reading thread fills the queue and waits for room
        Source source = new Source(Integer.MAX_VALUE, -1);
        ReadAheadCursor cursor = new ReadAheadCursor(source, "test-read");
        assertThat(cursor.next()).isNotNull();

        cursor.close();

        assertThat(source.closed).isTrue();
        assertThat(source.readAfterClose).isFalse();
        int served = source.served.get();
        // what was queued when it closed, and at most the batch the thread was reading
        assertThat(served).isLessThanOrEqualTo(8 * ReadAheadCursor.BATCH);
    }

    /** Customers {@code key(0) < key(1) < ...}; fails at {@code failAt} (when not -1); remembers misuse. */
    private static final class Source implements CustomerCursor {
        private final int count;
        private final int failAt;
        private final boolean error;
        private final AtomicInteger served = new AtomicInteger();
        private volatile boolean closed;
        private volatile boolean readAfterClose;

        Source(int count, int failAt) {
            this(count, failAt, false);
        }

        Source(int count, int failAt, boolean error) {
            this.count = count;
            this.failAt = failAt;
            this.error = error;
        }

        static String key(int i) {
            return String.format("cust_%010d", i);
        }

        @Override
        public @Nullable StoredCustomer next() {
            if (closed) {
                readAfterClose = true;
            }
            int i = served.get();
            if (i == failAt) {
                if (error) {
                    throw new StackOverflowError("deep");
                }
                throw new IllegalStateException("reading stored customers failed: connection lost");
            }
            if (i >= count) {
                return null;
            }
            served.incrementAndGet();
            return new StoredCustomer(key(i), key(i), "src-" + i, "Name " + i, i + "@example.com", 1L, 0L);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theReadingThreadHasEndedWhenCloseReturns() {
        // endless, and read only once: the thread is busy or waiting for room when the cursor closes, so it is still
        // there unless close waits for it (a cursor read to its end would let the thread end on its own)
        AtomicBoolean alive = new AtomicBoolean();
        ReadAheadCursor cursor = new ReadAheadCursor(new Source(Integer.MAX_VALUE, -1), "test-read-ends");
        assertThat(cursor.next()).isNotNull();
        cursor.close();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("test-read-ends") && thread.isAlive()) {
                alive.set(true);
            }
        }
        assertThat(alive).isFalse();
    }
}
