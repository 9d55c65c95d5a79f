package io.segmentbatch.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * Spring Batch's rows of a remote run's partitions, where its job repository cannot say "only if no worker has taken
 * it", or "whatever a worker committed meanwhile".
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
        return end("STOPPED", exitDescription, "STEP_EXECUTION_ID = ? AND STATUS = 'STARTING'", stepExecutionId) == 1;
    }

    /**
     * Ends every step of the job execution still marked going FAILED, with a newer version whatever version it has:
     * a run whose process died is recovered so. Spring Batch's own recovery updates each step at the version it read,
     * and the workers of a remote run whose manager died go on committing their partitions, each commit a newer
     * version: with small chunks they committed faster than the recovery could read and write, and the restart gave up
     * half done. Here one statement ends them all, and a worker's next commit, at its older version, rolls back.
     *
     * @return how many steps it ended
     */
    public int failGoing(long jobExecutionId, String exitDescription) {
        return end(
                "FAILED",
                exitDescription,
                "JOB_EXECUTION_ID = ? AND STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')",
                jobExecutionId);
    }

    /** Ends the steps {@code where} picks (one {@code ?}, {@code key}) in {@code status}, one version newer. */
    private int end(String status, String exitDescription, String where, long key) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        return jdbc.update(
                "UPDATE BATCH_STEP_EXECUTION SET STATUS = ?, EXIT_CODE = ?, EXIT_MESSAGE = ?,"
                        + " END_TIME = COALESCE(END_TIME, ?), LAST_UPDATED = ?, VERSION = VERSION + 1 WHERE " + where,
                status,
                status,
                exitDescription,
                now,
                now,
                key);
    }
}
