package io.segmentbatch.job;

import io.segmentbatch.segment.SegmentDefinition;
import io.segmentbatch.segment.SegmentPublisher;
import io.segmentbatch.segment.SegmentType;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Stores the listed members of the job's static segments as this run's members of them */
class StaticMembersTasklet implements Tasklet {
    private final RunContext run;
    private final SegmentPublisher publisher;

    StaticMembersTasklet(RunContext run, SegmentPublisher publisher) {
        this.run = run;
        this.publisher = publisher;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        for (SegmentDefinition segment : run.definition().segments()) {
            if (segment.type() == SegmentType.STATIC) {
                publisher.addStaticMembers(run.run().runNo(), run.catalog(segment), segment.customers());
            }
        }
        return RepeatStatus.FINISHED;
    }
}
