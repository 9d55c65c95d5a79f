package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Runs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Instant;
import java.util.List;

/**
 * The last step of a run, in one transaction: a run that trips none of its job's guards is committed (its
 * memberships become current, see {@link RunCommitter}); one that trips a guard is held (status {@code HELD}):
 * nothing becomes current and no event goes out until {@code approve}. The tables of older runs are dropped after
 * the job ends (see {@link RunStatusListener}).
 */
class CommitTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(CommitTasklet.class);

    private final RunContext run;
    private final Runs runs;
    private final RunCommitter committer;

    CommitTasklet(RunContext run, Runs runs, RunCommitter committer) {
        this.run = run;
        this.runs = runs;
        this.committer = committer;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunRecord record = runs.find(run.run().runId()).orElseThrow();
        JobReport report = ReportFiles.readReport(record.reportJson());
        Long previous = runs.lastCompletedBefore(record.jobName(), record.runNo())
                .map(last -> ReportFiles.readReport(last.reportJson()).input().customers())
                .orElse(null);
        List<JobReport.GuardTrip> trips = GuardCheck.check(Guards.of(run.definition()), report, previous);
        RunContext current = new RunContext(record, run.definition(), run.segments());
        if (record.trigger() == io.segmentbatch.store.Trigger.PREVIEW) {
            committer.preview(current, report, trips, Instant.now());
        } else if (trips.isEmpty()) {
            committer.commit(current, report, Instant.now());
        } else {
            committer.hold(current, report, trips, Instant.now());
            log.warn(
                    "run {} of job {} is HELD: {}. Nothing became current; approve it with 'segment-batch approve {}'"
                            + " (or POST /v1/jobs/{}/runs/{}/approve) or drop it with 'segment-batch discard {}'",
                    record.runId(),
                    record.jobName(),
                    trips.stream().map(JobReport.GuardTrip::message).toList(),
                    record.runId(),
                    record.jobName(),
                    record.runId(),
                    record.runId());
        }
        return RepeatStatus.FINISHED;
    }
}
