package io.segmentbatch.filter;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;

import java.util.regex.Pattern;

/**
 * The limits of the JSON that job files and API bodies are read with, said in this application's terms rather than
 * the JSON parser's: a document nests at most {@value StreamReadConstraints#DEFAULT_MAX_DEPTH} levels (objects and
 * arrays), a number has at most {@value StreamReadConstraints#DEFAULT_MAX_NUM_LEN} characters. Filters have a much
 * lower limit of their own, {@link FilterParser#MAX_DEPTH} levels of groups, reported with their JSON path.
 */
public final class JsonLimits {
    // the parser adds where an unclosed object or array started, as a description of its source that says nothing to
    // a user and no place: "(start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
    // disabled); byte offset: #UNKNOWN])" for text and bytes alike (Jackson 3.1)
    private static final Pattern START_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: .*?\\]\\)", Pattern.DOTALL);

    private JsonLimits() {}

    /** What is wrong with the JSON, for the user: the parser's message, or the limit it passed in plain words. */
    public static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException && message != null) {
            if (message.contains("nesting depth")) {
                message = "objects and arrays nest deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH
                        + " levels (a filter nests at most " + FilterParser.MAX_DEPTH + " levels of \"filters\")";
            } else if (message.contains("Number value length")) {
                message = "a number is longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " characters";
            } else if (message.contains("String value length")) {
                message = "a string is longer than " + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters";
            }
        }
        if (message != null) {
            message = START_MARKER.matcher(message).replaceFirst("");
        }
        return e.getLocation() == null || e.getLocation().getLineNr() < 1
                ? message
                : message + " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}
