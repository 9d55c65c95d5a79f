package io.segmentbatch.job;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The progress of each run going in this process, by run ID: readers update it, displays read it. */
@Component
public class RunProgressBoard {
    private final Map<String, RunProgress> runs = new ConcurrentHashMap<>();

    /** The run's progress, new when the run has none yet. */
    public RunProgress of(String runId) {
        return runs.computeIfAbsent(runId, id -> new RunProgress());
    }

    @EventListener
    void runEnded(RunEnded run) {
        runs.remove(run.runId());
    }
}
