package io.segmentbatch.job;

/** The process is shutting down and starts no more runs. */
public class ShuttingDownException extends RuntimeException {
    public ShuttingDownException() {
        super("the service is shutting down and starts no new runs");
    }
}
