package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;

/**
 * Published (as a Spring application event) when a run (or a restart of it) begins, on the job's thread. The
 * execution is live: it gains a step execution as each step starts, which is how the progress display knows the step.
 */
public record RunStarted(String runId, String jobName, JobExecution execution) {

    /**
     * The name of the step going now (or the last one that went), {@code "starting"} before the first, or null when
     * the job's thread was adding a step at that very moment (ask again later).
     */
    public @Nullable String currentStep() {
        try {
            String step = "starting";
            // a copy of a list the job's thread appends to: a racing append can show up as a null element
            for (var stepExecution : execution.getStepExecutions()) {
                step = stepExecution.getStepName();
            }
            // a partition ("evaluate-partition:file0000-part0003") is part of the evaluate step
            return step != null && step.startsWith(EvaluatePartitionStep.NAME) ? "evaluate" : step;
        } catch (RuntimeException raceWithTheJobThread) {
            return null;
        }
    }
}
