package io.segmentbatch.job;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.ExitStatus;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress of the runs evaluating in this process, by run ID: the partitions of a run add to one
 * {@link RunProgress}, which logs while the run's {@code evaluate} step goes (this listener ends it).
 */
@Component
class RunProgressBoard implements StepExecutionListener {
    private final Map<String, RunProgress> runs = new ConcurrentHashMap<>();

    RunProgress of(RunContext run) {
        return runs.computeIfAbsent(run.run().runId(), id -> {
            long total = 0;
            for (Path file : run.inputFiles()) {
                total += file.toFile().length();
            }
            return new RunProgress(id, total);
        });
    }

    @Override
    public ExitStatus afterStep(StepExecution execution) {
        RunProgress progress = runs.remove(execution.getJobExecution().getJobParameters().getString(SegmentationJobConfig.RUN_ID));
        if (progress != null) {
            progress.close();
        }
        return null;
    }
}
