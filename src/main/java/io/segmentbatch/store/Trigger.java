package io.segmentbatch.store;

import java.util.Locale;

/** What started a run; the report's {@code job.trigger}. */
public enum Trigger {
    MANUAL, SCHEDULE, FILE, API;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
