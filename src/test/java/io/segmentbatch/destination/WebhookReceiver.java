package io.segmentbatch.destination;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A webhook endpoint as a user would write one: it checks {@code X-Voucherify-Signature} (hex HMAC-SHA256 of the raw
 * body with the shared secret) before accepting, answers 401 to a bad one, and records every envelope it accepted.
 * It can be down (port closed) and come up again on the same port.
 */
final class WebhookReceiver implements AutoCloseable {
    private final int port;
    private final String secret;
    private HttpServer server;
    final List<JsonNode> envelopes = Collections.synchronizedList(new ArrayList<>());
    final List<String> badSignatures = Collections.synchronizedList(new ArrayList<>());
    volatile int requests;
    /** How long each accepted request waits before its answer (a slow endpoint). */
    volatile long delayMillis;

    /** A receiver for a port that nobody listens on yet: down until {@link #up()}. */
    WebhookReceiver(String secret) {
        this.secret = secret;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks/segments";
    }

    synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/segments", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests++;
            String given = exchange.getRequestHeaders().getFirst("X-Voucherify-Signature");
            if (given == null || !given.equals(hmac(body))) {
                badSignatures.add(given);
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    envelopes.add(JsonMapper.builder().build().readTree(line));
                }
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> eventIds() {
        synchronized (envelopes) {
            return envelopes.stream()
                    .map(envelope -> envelope.at("/event/id").asString())
                    .toList();
        }
    }

    @Override
    public void close() {
        down();
    }
}
