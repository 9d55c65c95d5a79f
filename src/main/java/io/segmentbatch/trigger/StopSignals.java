package io.segmentbatch.trigger;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop serving, rather than the JVM's own handling, which exits with
 * 143 or 130 whatever the service does. With these handlers {@code serve} closes its context (runs stop at their
 * next commit, requests finish) and then exits 0, as a service that stopped on request should.
 */
final class StopSignals implements AutoCloseable {
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals() {}

    static StopSignals install(Runnable stop) {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, ignored -> stop.run()));
            } catch (IllegalArgumentException e) {
                // The signal is not known on this platform, or the JVM keeps it (-Xrs): its default handling stays.
            }
        }
        return signals;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
