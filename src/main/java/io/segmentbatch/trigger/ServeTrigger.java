package io.segmentbatch.trigger;

import org.springframework.context.SmartLifecycle;

/**
 * What the serve-mode triggers that wait for work (cron schedules, inboxes) share as lifecycle beans: they do not
 * start with the context but when {@link ServeStarter} starts them, once abandoned runs are recovered, and only
 * once; they stop before the runs going are asked to stop ({@code RunShutdown}, phase 0).
 */
abstract class ServeTrigger implements SmartLifecycle {
    /** After {@code RunShutdown}'s phase 0: stopped first, so no new run starts while the runs going stop. */
    private static final int PHASE = 100;

    private volatile boolean running;

    /** Starts taking work: schedules the cron ticks, watches the inboxes. Called once until {@link #stopTaking}. */
    abstract void startTaking();

    /** Stops taking work; a run going is left to {@code RunShutdown}. */
    abstract void stopTaking();

    @Override
    public final synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        startTaking();
    }

    @Override
    public final synchronized void stop() {
        if (running) {
            stopTaking();
            running = false;
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final boolean isAutoStartup() {
        return false;
    }

    @Override
    public final int getPhase() {
        return PHASE;
    }
}
