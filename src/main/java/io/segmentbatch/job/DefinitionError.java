package io.segmentbatch.job;

/**
 * One problem in a job definition.
 *
 * @param file    the job file
 * @param path    JSON path of the offending key
 * @param message what is wrong and what was expected
 */
public record DefinitionError(String file, String path, String message) {
    @Override
    public String toString() {
        return file + ": " + path + ": " + message;
    }
}
