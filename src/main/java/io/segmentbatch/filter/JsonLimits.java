package io.segmentbatch.filter;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The limits of the JSON that job files and API bodies are read with, said in this application's terms rather than
 * the JSON parser's: a document nests at most {@value StreamReadConstraints#DEFAULT_MAX_DEPTH} levels (objects and
 * arrays), a number has at most {@value StreamReadConstraints#DEFAULT_MAX_NUM_LEN} characters. Filters have a much
 * lower limit of their own, {@link FilterParser#MAX_DEPTH} levels of groups, reported with their JSON path.
 */
public final class JsonLimits {
    // the parser names where an unclosed object or array started as its source's description, which for text it was
    // given is "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 25]"
    private static final Pattern START_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: (.*?)\\]\\)", Pattern.DOTALL);
    private static final Pattern LINE_AND_COLUMN = Pattern.compile("line: (\\d+), column: (\\d+)");

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
            message = startMarker(message);
        }
        return e.getLocation() == null || e.getLocation().getLineNr() < 1
                ? message
                : message + " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    /** The parser's "(start marker at [Source: …; line: L, column: C])" as "(opened at line L, column C)". */
    static String startMarker(String message) {
        Matcher marker = START_MARKER.matcher(message);
        if (!marker.find()) {
            return message;
        }
        Matcher at = LINE_AND_COLUMN.matcher(marker.group(1));
        String opened = at.find() ? " (opened at line " + at.group(1) + ", column " + at.group(2) + ")" : "";
        return message.substring(0, marker.start()) + opened + message.substring(marker.end());
    }
}
