package io.segmentbatch.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * Spring Batch's rows of a remote run's partitions, where its job repository cannot say "only if no worker has taken
 * it".
 *
 * <p>In a run that is stopping, Spring Batch's update of a step execution does not fail on a row a worker changed
 * meanwhile: it takes the row's version and status ({@code StepExecutionDao.synchronizeStatus}) and writes over it.
 * Ending a partition that waits for a worker must therefore check, in the same statement, that it is still waiting.
 */
public class UntakenPartitions {
    private final JdbcTemplate jdbc;

    public UntakenPartitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Ends the partition STOPPED, unread, if it is still STARTING (no worker has taken it); false when a worker took
     * it first, or it had ended.
     */
    public boolean stopIfUntaken(long stepExecutionId, String exitDescription) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        return jdbc.update(
                        "UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STOPPED', EXIT_CODE = 'STOPPED', EXIT_MESSAGE = ?,"
                                + " END_TIME = ?, LAST_UPDATED = ?, VERSION = VERSION + 1"
                                + " WHERE STEP_EXECUTION_ID = ? AND STATUS = 'STARTING'",
                        exitDescription,
                        now,
                        now,
                        stepExecutionId)
                == 1;
    }
}
