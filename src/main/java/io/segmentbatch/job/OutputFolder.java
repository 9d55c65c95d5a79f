package io.segmentbatch.job;

import io.segmentbatch.customer.FileFailures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any input is read, that a run will be able to write its folder: a run that computes everything
 * and then cannot write its report has wasted its time, and a caller would be told of a report that does not
 * exist.
 */
final class OutputFolder {
    private OutputFolder() {}

    /** Creates the output folder if needed and writes (and removes) a probe file in it. */
    static void checkWritable(Path output) {
        Path probe = null;
        try {
            Files.createDirectories(output);
            probe = Files.createTempFile(output, ".write-check-", ".tmp");
        } catch (IOException | SecurityException e) {
            throw new InvalidRunRequestException("output folder " + output + " cannot be written ("
                    + FileFailures.reason(e) + "); nothing was read");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a probe left behind is harmless; the folder is writable, which is what was asked
                }
            }
        }
    }
}
