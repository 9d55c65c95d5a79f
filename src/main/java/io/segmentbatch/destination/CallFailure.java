package io.segmentbatch.destination;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * A remote call that did not succeed, sorted by what to do next: wait and retry ({@link Kind#RATE_LIMITED}, with
 * the server's {@code Retry-After} if it gave one), retry with backoff ({@link Kind#TRANSIENT}: 5xx, timeouts, resets,
 * refused connections; the call may or may not have had its effect), or give up ({@link Kind#PERMANENT}: other 4xx).
 * {@link Kind#INTERRUPTED}: the calling thread was interrupted; its interrupt flag is set again, so nothing may be
 * written to the store after it (the caller ends without recording a try).
 */
final class CallFailure extends Exception {
    enum Kind {
        RATE_LIMITED,
        TRANSIENT,
        PERMANENT,
        INTERRUPTED
    }

    private final Kind kind;
    private final @Nullable Duration retryAfter;
    private final @Nullable List<String> refused;

    CallFailure(Kind kind, String message, @Nullable Duration retryAfter) {
        this(kind, message, retryAfter, null);
    }

    private CallFailure(Kind kind, String message, @Nullable Duration retryAfter, @Nullable List<String> refused) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.refused = refused;
    }

    /**
     * Some events of a batch refused for their own sake ({@link Kind#PERMANENT}), the others taken: only those with
     * these event IDs count a failed try.
     */
    static CallFailure refused(String message, List<String> eventIds) {
        return new CallFailure(Kind.PERMANENT, message, null, List.copyOf(eventIds));
    }

    /** The IDs of the events refused, when the others of the batch were taken; null when the whole batch was. */
    @Nullable
    List<String> refused() {
        return refused;
    }

    Kind kind() {
        return kind;
    }

    /** The server's {@code Retry-After}, or null. */
    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }
}
