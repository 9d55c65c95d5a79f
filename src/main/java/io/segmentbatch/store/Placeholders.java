package io.segmentbatch.store;

import java.util.Collections;

/** The parameter markers of an {@code IN (…)} list. */
final class Placeholders {
    private Placeholders() {}

    /** {@code count} markers, {@code ?, ?, ?}, for {@code IN (…)}. */
    static String list(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
