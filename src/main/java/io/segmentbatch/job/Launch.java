package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * What a trigger asks {@link RunLauncher} to start: a new run of a request, or a restart of a run from its last
 * commit; and, while a run of the same job is going, whether to refuse ({@link JobBusyException}) or to wait for it.
 *
 * @param request   the new run, or null for a restart
 * @param restartOf the run to restart, or null for a new run
 * @param whenFree  wait while the job is busy instead of refusing
 */
public record Launch(@Nullable RunRequest request, @Nullable String restartOf, boolean whenFree) {
    public Launch {
        if ((request == null) == (restartOf == null)) {
            throw new IllegalArgumentException("a launch is either a new run or a restart");
        }
    }

    /** A new run, refused while the job is busy. */
    public static Launch of(RunRequest request) {
        return new Launch(Objects.requireNonNull(request, "request"), null, false);
    }

    /** A restart of {@code runId} from its last commit, refused while the job is busy. */
    public static Launch restartOf(String runId) {
        return new Launch(null, Objects.requireNonNull(runId, "runId"), false);
    }

    /** The same launch, waiting its turn while the job is busy (the inbox: files wait). */
    public Launch waitingWhenBusy() {
        return new Launch(request, restartOf, true);
    }
}
