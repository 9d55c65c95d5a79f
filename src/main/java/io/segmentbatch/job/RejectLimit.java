package io.segmentbatch.job;

import io.segmentbatch.customer.RejectedRowException;
import io.segmentbatch.store.Rejects;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Records every rejected row and skips it while the run's rejects, over all its partitions, stay within the job's
 * {@code skip_limit}; the row that goes past it is recorded too, so {@code rejects.csv} of the failed run holds
 * every row that made it fail. Nothing else is skipped.
 */
class RejectLimit implements SkipPolicy {
    private final long limit;
    private final Rejects rejects;
    private final long runNo;

    RejectLimit(long limit, Rejects rejects, long runNo) {
        this.limit = limit;
        this.rejects = rejects;
        this.runNo = runNo;
    }

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) {
        if (!(t instanceof RejectedRowException rejected)) {
            return false;
        }
        rejects.record(
                runNo,
                new Rejects.Reject(
                        rejected.source().file(), rejected.source().line(), rejected.reason(), rejected.raw()));
        if (rejects.count(runNo) <= limit) {
            return true;
        }
        throw new SkipLimitExceededException(limit, t);
    }
}
