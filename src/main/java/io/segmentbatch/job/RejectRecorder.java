package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.RejectedRowException;
import io.segmentbatch.segment.EvaluatedCustomer;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each skipped row in {@code sb_reject} for the run's {@code rejects.csv}. Written in a transaction of its
 * own, so that the rows that push a run past its skip limit are still there to explain the failure; a row
 * read again after a restart is recorded once.
 */
class RejectRecorder implements SkipListener<Customer, EvaluatedCustomer> {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final long runNo;

    RejectRecorder(JdbcTemplate jdbc, PlatformTransactionManager transactions, long runNo) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.runNo = runNo;
    }

    @Override
    public void onSkipInRead(Throwable t) {
        if (t instanceof RejectedRowException rejected) {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO sb_reject (run_no, file, line, reason, raw) SELECT ?, ?, ?, ?, ?"
                            + " WHERE NOT EXISTS (SELECT 1 FROM sb_reject WHERE run_no = ? AND file = ? AND line = ?)",
                    runNo, rejected.source().file(), rejected.source().line(), rejected.reason(), rejected.raw(),
                    runNo, rejected.source().file(), rejected.source().line()));
        }
    }
}
