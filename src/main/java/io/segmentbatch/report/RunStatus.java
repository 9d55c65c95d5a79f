package io.segmentbatch.report;

/**
 * Where a run is: the {@code status} of {@code sb_run}, of the report's {@code job} and of the API's run, written
 * as the constant's name. Spring Batch's {@code BatchStatus} has no word for a held, discarded or preview run.
 */
public enum RunStatus {
    /** Its row exists; the job has not started yet. */
    STARTING,
    /** Evaluating or publishing. */
    STARTED,
    /** Committed: the current members of its segments. */
    COMPLETED,
    FAILED,
    /** Stopped at a commit (shutdown); restartable. */
    STOPPED,
    /** Ran to the end and tripped a guard: waits for approve or discard. */
    HELD,
    /** A held run that was discarded, or superseded while held. */
    DISCARDED,
    /** A dry run that went to the end; nothing committed. */
    PREVIEW;

    /** The status a user wrote, in any case ({@code held}); empty when there is none of that name. */
    public static java.util.Optional<RunStatus> named(String text) {
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(values())
                .filter(status -> status.is(upper))
                .findFirst();
    }

    /** Whether {@code status}, as stored or reported, is this one. */
    public boolean is(String status) {
        return name().equals(status);
    }
}
