package io.segmentbatch.job;

import io.segmentbatch.SegmentBatchApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The application's command line in a JVM of its own (another process on the same database), with the test classpath. */
public final class ChildProcesses {
    private ChildProcesses() {}

    /** A command that is still going, its console (stdout and stderr together) in {@code log}. */
    public record Child(Process process, Path log) {
        /** Waits for the command to end and returns its exit code. */
        public int exitCode(long seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            "the command did not end within " + seconds + " s; its console: " + console());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public String console() {
            try {
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGSTOP: the process stands still (no commit, no heartbeat) until {@link #resume}. */
        public void pause() {
            signal("-STOP");
        }

        /** SIGCONT after {@link #pause}. */
        public void resume() {
            signal("-CONT");
        }

        private void signal(String signal) {
            try {
                Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                        .inheritIO()
                        .start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** SIGKILL, as a crash or the OOM killer would. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts {@code java -jar <jar> <arguments>}: the application as it ships. */
    public static Child startJar(Path jar, Path log, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString()));
        command.addAll(List.of(arguments));
        try {
            return new Child(
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start(),
                    log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code segment-batch <arguments>} in a new JVM. */
    public static Child start(Path log, String... arguments) {
        return start(log, List.of(), arguments);
    }

    /** {@link #start(Path, String...)} with more JVM options (e.g. {@link io.segmentbatch.RunGate#acrossProcesses}). */
    public static Child start(Path log, List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SegmentBatchApplication.class.getName()));
        command.addAll(List.of(arguments));
        try {
            return new Child(
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start(),
                    log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
