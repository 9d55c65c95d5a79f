package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.RejectedRowException;
import io.segmentbatch.segment.EvaluatedCustomer;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.JdbcTemplate;

/** Keeps each skipped row in {@code sb_reject}, in the chunk's transaction, for the run's {@code rejects.csv}. */
class RejectRecorder implements SkipListener<Customer, EvaluatedCustomer> {
    private final JdbcTemplate jdbc;
    private final long runNo;

    RejectRecorder(JdbcTemplate jdbc, long runNo) {
        this.jdbc = jdbc;
        this.runNo = runNo;
    }

    @Override
    public void onSkipInRead(Throwable t) {
        if (t instanceof RejectedRowException rejected) {
            jdbc.update("INSERT INTO sb_reject (run_no, file, line, reason, raw) VALUES (?, ?, ?, ?, ?)", runNo,
                    rejected.source().file(), rejected.source().line(), rejected.reason(), rejected.raw());
        }
    }
}
