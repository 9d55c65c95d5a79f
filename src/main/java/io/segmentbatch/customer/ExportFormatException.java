package io.segmentbatch.customer;

/** An input that cannot be read at all (missing, empty, or a header with no known column): the run fails. */
public class ExportFormatException extends RuntimeException {
    public ExportFormatException(String message) {
        super(message);
    }

    public ExportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
