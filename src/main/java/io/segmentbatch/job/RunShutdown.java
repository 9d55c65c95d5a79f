package io.segmentbatch.job;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * On shutdown (SIGTERM, context close), stops the runs going in this process at their next commit so that
 * they end STOPPED and can be restarted, before the database goes away.
 */
@Component
public class RunShutdown implements SmartLifecycle {
    private final RunLauncher launcher;
    private final Duration timeout;
    private volatile boolean running;

    RunShutdown(RunLauncher launcher, @Value("${segment-batch.shutdown-timeout:30s}") Duration timeout) {
        this.launcher = launcher;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopActiveRuns();
    }

    /**
     * Stops the runs going in this process at their next commit and waits for them up to {@code
     * segment-batch.shutdown-timeout} (30s): what a shutdown does, also for a one-shot command's Ctrl-C.
     */
    public void stopActiveRuns() {
        launcher.stopActiveRuns(timeout);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server and the triggers (lower phases stop later). */
    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * Not part of a pause (a context stopped to be started again, as Spring's test context cache does): its stop is
     * the application's shutdown, which refuses every later run, and a start does not undo it.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
