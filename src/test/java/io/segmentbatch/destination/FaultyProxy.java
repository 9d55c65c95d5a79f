package io.segmentbatch.destination;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * An HTTP proxy in front of a real service that misbehaves on request: each request takes the next planned
 * {@link Fault} for its method (if any). Plain sockets, so that a "reset" is a real TCP RST.
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault {
        /** 429 with {@code Retry-After: 1}, not forwarded. */
        RATE_LIMIT,
        /** 500, not forwarded. */
        ERROR,
        /** 400, not forwarded. */
        REJECT,
        /** Forwarded (the service acts), then 500. */
        ERROR_AFTER,
        /** Forwarded, then the answer comes 2.5 s late. */
        SLOW,
        /** Reset before forwarding. */
        RESET,
        /** Forwarded, then reset: the service acted and the caller never hears of it. */
        RESET_AFTER
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ServerSocket server;
    private final String target;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, ConcurrentLinkedDeque<Fault>> plan = new LinkedHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    volatile long delayAfterForwardMillis;
    volatile Consumer<String> afterForward = request -> {};

    FaultyProxy(String target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The next requests of this method meet these faults, in order. */
    synchronized FaultyProxy plan(String method, Fault... faults) {
        ConcurrentLinkedDeque<Fault> queue = plan.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>());
        Collections.addAll(queue, faults);
        return this;
    }

    private synchronized Fault next(String method) {
        ConcurrentLinkedDeque<Fault> queue = plan.get(method);
        return queue == null ? null : queue.poll();
    }

    long count(String prefix) {
        synchronized (log) {
            return log.stream().filter(line -> line.startsWith(prefix)).count();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> handle(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            String[] parts = requestLine.split(" ");
            String method = parts[0];
            Fault fault = next(method);
            log.add(method + " " + parts[1] + (fault == null ? "" : " " + fault));
            OutputStream out = socket.getOutputStream();
            if (fault == Fault.RATE_LIMIT) {
                respond(
                        out,
                        429,
                        "Too Many Requests",
                        "{\"code\":429,\"key\":\"too_many_requests\"}",
                        "Retry-After: 1\r\n");
                return;
            }
            if (fault == Fault.REJECT) {
                respond(out, 400, "Bad Request", "{\"code\":400,\"key\":\"invalid_payload\"}", "");
                return;
            }
            if (fault == Fault.ERROR) {
                respond(out, 500, "Internal Server Error", "{\"code\":500}", "");
                return;
            }
            if (fault == Fault.RESET) {
                reset(socket);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + parts[1]))
                    .method(
                            method,
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("x-app-id", "x-app-token", "content-type", "accept")) {
                if (headers.containsKey(name)) {
                    forward.header(name, headers.get(name));
                }
            }
            HttpResponse<String> response = CLIENT.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            afterForward.accept(method + " " + parts[1]);
            if (fault == Fault.RESET_AFTER) {
                reset(socket);
                return;
            }
            if (fault == Fault.ERROR_AFTER) {
                respond(out, 500, "Internal Server Error", "{\"code\":500}", "");
                return;
            }
            long delay = fault == Fault.SLOW ? 2500 : delayAfterForwardMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            respond(out, response.statusCode(), "OK", response.body(), "");
        } catch (IOException e) {
            // the caller went away (a timeout): nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void respond(OutputStream out, int status, String reason, String body, String extraHeaders)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\nConnection: close\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return c == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
