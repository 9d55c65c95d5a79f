package io.segmentbatch;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The RabbitMQ broker that broker tests use: 127.0.0.1:5672, guest/guest. They run whenever it answers; with
 * {@code -Dsegmentbatch.rabbitmq.required=true} (as {@code .ci/run} sets) they fail instead of skipping.
 */
public final class TestBrokers {
    private static Boolean rabbitAnswers;

    private TestBrokers() {}

    /** Skips the calling test when RabbitMQ does not answer, unless it is required; then it fails. */
    public static synchronized void requireRabbit() {
        if (rabbitAnswers == null) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", 5672), 3000);
                rabbitAnswers = true;
            } catch (IOException e) {
                rabbitAnswers = false;
            }
        }
        if (!rabbitAnswers && Boolean.getBoolean("segmentbatch.rabbitmq.required")) {
            throw new IllegalStateException("RabbitMQ is required (segmentbatch.rabbitmq.required=true) but"
                    + " 127.0.0.1:5672 does not answer");
        }
        Assumptions.assumeTrue(rabbitAnswers, "RabbitMQ does not answer at 127.0.0.1:5672; its tests are skipped");
    }
}
