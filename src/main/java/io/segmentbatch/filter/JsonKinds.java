package io.segmentbatch.filter;

import tools.jackson.databind.JsonNode;

/** Short descriptions of JSON values for error messages: {@code "abc"}, {@code 12}, {@code an object}. */
final class JsonKinds {

    private static final int MAX_TEXT = 60;

    private JsonKinds() {}

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty array" : "an array";
        }
        String text = node.toString();
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
