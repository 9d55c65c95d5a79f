package io.segmentbatch.destination;

/** A delivery that cannot start: no such run, or a run that is not COMPLETED. */
public class DeliveryRefusedException extends RuntimeException {
    public DeliveryRefusedException(String message) {
        super(message);
    }
}
