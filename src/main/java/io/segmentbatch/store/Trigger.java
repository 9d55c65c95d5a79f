package io.segmentbatch.store;

import java.util.Locale;

/** What started a run; the report's {@code job.trigger}. A {@code PREVIEW} run is a dry run: it never commits. */
public enum Trigger {
    MANUAL,
    SCHEDULE,
    FILE,
    API,
    PREVIEW;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
