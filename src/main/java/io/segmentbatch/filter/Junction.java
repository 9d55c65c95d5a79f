package io.segmentbatch.filter;

import java.util.Locale;
import java.util.Optional;

/** How a group combines its parts. */
enum Junction {
    AND,
    OR;

    /** {@code and} or {@code or}, any letter case. */
    static Optional<Junction> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "and" -> Optional.of(AND);
            case "or" -> Optional.of(OR);
            default -> Optional.empty();
        };
    }
}
