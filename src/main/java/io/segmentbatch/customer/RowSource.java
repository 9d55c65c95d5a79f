package io.segmentbatch.customer;

import java.util.Objects;

/**
 * Where a record of an export starts.
 *
 * @param file the file name as given in the run's input
 * @param line the physical line on which the record starts (the header is line 1)
 */
public record RowSource(String file, long line) {
    public RowSource {
        Objects.requireNonNull(file, "file");
    }
}
