package io.segmentbatch.trigger;

import io.segmentbatch.SegmentBatchApplication;
import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.RunFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code segment-batch serve} as its own process, with the defaults a user gets: it listens on 127.0.0.1 only, the
 * embedded H2 database's auto-server too, and SIGTERM stops it with exit code 0 and no stack trace.
 */
class ServeProcessIntegrationTests {
    @TempDir
    Path folder;

    @Test
    void servesOnLoopbackOnlyAndStopsWithExitCodeZeroOnSigterm() throws Exception {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        RunFixtures.job("job-segments.json", "process", RunFixtures.copy("customers-1.csv", folder), jobs);
        int port = freePort();
        Path log = folder.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SegmentBatchApplication.class.getName(),
                        "serve",
                        "--jobs",
                        jobs.toString(),
                        "--output",
                        folder.resolve("out").toString(),
                        "--server.port=" + port,
                        "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("data/segment-batch")
                                + ";MODE=PostgreSQL;AUTO_SERVER=TRUE")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SEGMENT_BATCH_APP_ID", ServeFixtures.APP_ID);
        builder.environment().put("SEGMENT_BATCH_APP_TOKEN", ServeFixtures.APP_TOKEN);
        Process serve = builder.start();
        try {
            ServeFixtures.await(Duration.ofSeconds(120), "serve answers /actuator/health", () -> {
                assertThat(serve.isAlive()).as(read(log)).isTrue();
                return healthy(port);
            });
            Properties lock = new Properties();
            try (var in = Files.newInputStream(folder.resolve("data/segment-batch.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertThat(InetAddress.getByName(server.substring(0, server.indexOf(':')))
                            .isLoopbackAddress())
                    .as("H2 auto-server address in the lock file: " + server)
                    .isTrue();
            int h2Port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
            ServeFixtures.await(
                    Duration.ofSeconds(30),
                    "serve says where it answers",
                    () -> read(log).contains("ready: the API answers on http://127.0.0.1:" + port + "/v1"));
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).isTrue();
            assertThat(connects(InetAddress.getLoopbackAddress(), h2Port)).isTrue();
            Optional<InetAddress> external = externalAddress();
            if (external.isPresent()) {
                assertThat(connects(external.get(), port))
                        .as("HTTP on " + external.get())
                        .isFalse();
                assertThat(connects(external.get(), h2Port))
                        .as("H2 on " + external.get())
                        .isFalse();
            }

            serve.destroy();
            assertThat(serve.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(read(log)).isZero();
            assertThat(read(log)).doesNotContain("\tat ", "Exception");
        } finally {
            serve.destroyForcibly();
        }
    }

    private static boolean healthy(int port) {
        try {
            return ServeFixtures.call(port, "GET", "/actuator/health", null, null, null)
                            .status()
                    == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    private static Optional<InetAddress> externalAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
