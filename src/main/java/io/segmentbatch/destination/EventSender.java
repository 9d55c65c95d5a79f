package io.segmentbatch.destination;

import io.segmentbatch.store.Deliveries.DueEvent;

import java.util.List;

/** Hands events to one destination; returns only once the destination took all of them, else throws. */
interface EventSender {
    /** How many events one {@link #send} may carry. */
    int batchSize();

    void send(List<DueEvent> events) throws CallFailure;
}
