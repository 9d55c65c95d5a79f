package io.segmentbatch.job;

import io.segmentbatch.customer.RejectedRowException;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips rejected rows up to the job's {@code skip_limit}; the row that goes past it is still recorded, so that
 * {@code rejects.csv} of the failed run holds every row that made it fail. Nothing else is skipped.
 */
class RejectLimit implements SkipPolicy {
    private final long limit;
    private final RejectRecorder recorder;

    RejectLimit(long limit, RejectRecorder recorder) {
        this.limit = limit;
        this.recorder = recorder;
    }

    @Override
    public boolean shouldSkip(Throwable t, long skipCount) {
        if (!(t instanceof RejectedRowException rejected)) {
            return false;
        }
        if (skipCount < limit) {
            return true;
        }
        recorder.onSkipInRead(rejected);
        throw new SkipLimitExceededException(limit, t);
    }
}
