package io.segmentbatch.job;

/** A run that cannot start as asked (no input, an input that does not exist, a run that cannot restart). */
public class InvalidRunRequestException extends RuntimeException {
    public InvalidRunRequestException(String message) {
        super(message);
    }
}
