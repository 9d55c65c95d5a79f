package io.segmentbatch.filter;

/**
 * One problem in a filter definition.
 *
 * @param path    JSON path of the offending key, e.g. {@code $.segments[3].filter['address.city'].conditions.$starts_with}
 * @param message what is wrong and what was expected
 */
public record FilterError(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
