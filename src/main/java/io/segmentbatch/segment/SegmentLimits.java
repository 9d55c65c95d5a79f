package io.segmentbatch.segment;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a segment's name and a static segment's customer IDs may be, the same in job files (checked by
 * {@code validate}) and in {@code POST /v1/segments}: at most {@value #MAX_NAME_LENGTH} characters for a name (the
 * static segments cut from it add " (k/n)"), at most {@value #MAX_CUSTOMER_ID_LENGTH} for a customer ID (the longest
 * identity an export row may have), and no control characters (NUL, tab, line breaks, …), which PostgreSQL refuses
 * (NUL) or which break the CSV files and logs that show them, nor half of a surrogate pair.
 */
public final class SegmentLimits {
    public static final int MAX_NAME_LENGTH = 500;
    public static final int MAX_CUSTOMER_ID_LENGTH = 255;
    /** Voucherify's cap on the auto-update and passive segments of the catalog, job files and API together. */
    public static final int MAX_FILTER_SEGMENTS = 100;

    private SegmentLimits() {}

    /**
     * Whether {@code count} auto-update and passive segments fit under {@link #MAX_FILTER_SEGMENTS}: the one rule
     * behind a job file's check, the check across the served job files, and the API's check before it adds one.
     */
    public static boolean filterSegmentsFit(int count) {
        return count <= MAX_FILTER_SEGMENTS;
    }

    /** The end of the names of the static segments cut from a filter segment: {@code Gmail users (2/13)}. */
    private static final Pattern PART_SUFFIX = Pattern.compile(" \\(\\d+/\\d+\\)$");

    /** Why {@code name} cannot name a segment, if it cannot. */
    public static Optional<String> nameProblem(String name) {
        return problem(name, MAX_NAME_LENGTH, "a segment name");
    }

    /**
     * Why {@code name} cannot name a segment of a job, if it cannot: a name ending like a cut static segment's
     * ({@code " (1/2)"}) is refused, as names are unique within a job and {@code Gmail users (1/2)} would name both
     * that segment and the first static segment cut from {@code Gmail users}. A static segment created through the
     * API for no job may have such a name: the static segments a run cuts are pushed so to a Voucherify.
     */
    public static Optional<String> jobNameProblem(String name) {
        Optional<String> problem = nameProblem(name);
        if (problem.isEmpty() && PART_SUFFIX.matcher(name).find()) {
            return Optional.of("a segment name may not end like the names of the static segments cut from a filter"
                    + " segment (\"" + name.substring(name.lastIndexOf(" (") + 1) + "\"): those names are theirs");
        }
        return problem;
    }

    /** Why {@code id} cannot be a customer ID of a static segment, if it cannot. */
    public static Optional<String> customerIdProblem(String id) {
        return problem(id, MAX_CUSTOMER_ID_LENGTH, "a customer ID");
    }

    private static Optional<String> problem(String value, int maxLength, String what) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            return Optional.of(what + " has at most " + maxLength + " characters; this one has " + length);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(what + " may not contain control characters; this one has U+"
                        + String.format("%04X", (int) c) + " at character " + (value.codePointCount(0, i) + 1));
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one character beyond U+FFFF (an emoji)
            } else if (Character.isSurrogate(c)) {
                // half of a pair, sent alone as a JSON escape: no character at all, which UTF-8 cannot hold
                return Optional.of(what + " may not contain half of a UTF-16 surrogate pair; this one has U+"
                        + String.format("%04X", (int) c) + " alone at character " + (value.codePointCount(0, i) + 1));
            }
        }
        return Optional.empty();
    }
}
