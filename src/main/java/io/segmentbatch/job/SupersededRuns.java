package io.segmentbatch.job;

import io.segmentbatch.store.RunCustomers;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import org.springframework.stereotype.Component;

/**
 * Drops the customers of a job's earlier runs once a run of the job has committed (the commit step, or
 * {@code approve}), outside their transactions and under the job's lock. The baseline the commit replaced is kept
 * until the job's next commit: a reader that found it current a moment ago (GET /v1/customers…) may still be
 * reading its table.
 */
@Component
class SupersededRuns {
    private final Runs runs;
    private final RunCustomers customers;

    SupersededRuns(Runs runs, RunCustomers customers) {
        this.runs = runs;
        this.customers = customers;
    }

    void drop(RunRecord committed) {
        drop(committed, false);
    }

    /**
     * After a run that went to the end but committed nothing (held, or a preview): drops what {@link #drop} drops but
     * the earlier runs that a restart may still finish (failed, stopped or killed), as no later run has completed.
     */
    void dropUncommitted(RunRecord run) {
        drop(run, true);
    }

    private void drop(RunRecord committed, boolean keepRestartable) {
        Long replaced = runs.lastCompletedBefore(committed.jobName(), committed.runNo())
                .map(RunRecord::runNo)
                .orElse(null);
        for (long superseded : runs.supersededStoredRuns(committed.jobName(), committed.runNo(), keepRestartable)) {
            if (!Long.valueOf(superseded).equals(replaced)) {
                customers.drop(superseded);
            }
        }
    }
}
