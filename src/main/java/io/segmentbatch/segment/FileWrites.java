package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens, writes and closes the publisher's files on a thread of its own, in the order asked, so that the ordered pass
 * does not wait for the file system (JFR on the 1M bench: a quarter of the pass was spent in {@code write}, 438 MB
 * of static segment files; a first run that emits 6 million events writes 2.5 GB of {@code events.ndjson}). At most
 * {@value #IN_FLIGHT} buffers wait to be written: the pass waits when the disk is behind. A failure is reported by
 * the next call, or by {@link #finish()}, naming the file.
 */
public final class FileWrites implements AutoCloseable {
    static final int BUFFER_SIZE = 1 << 16;
    private static final int IN_FLIGHT = 16;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread writer = new Thread(task, "publish-writes");
        writer.setDaemon(true);
        return writer;
    });
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(IN_FLIGHT);
    private volatile @Nullable UncheckedIOException failure;

    /** A file being written; its stream is only touched by the writing thread. */
    static final class File {
        private final Path path;
        private final String name;
        private @Nullable OutputStream out;

        private File(Path path, String name) {
            this.path = path;
            this.name = name;
        }
    }

    /** Creates {@code path} (and its folder), named {@code name} in errors. */
    File open(Path path, String name) {
        checkFailure();
        File file = new File(path, name);
        run(file, () -> {
            if (failure == null) {
                Files.createDirectories(path.getParent());
                file.out = Files.newOutputStream(file.path);
            }
        });
        return file;
    }

    /**
     * A stream of bytes to {@code path}, handed to the writing thread a buffer at a time. The file (and its folder) is
     * created now, on the caller's thread, so that a file that cannot be created fails before anything else starts;
     * {@code name} names it in later errors. Closing the stream closes the file after its writes; {@link #finish()}
     * waits for them.
     */
    public OutputStream stream(Path path, String name) throws IOException {
        Files.createDirectories(path.getParent());
        File file = new File(path, name);
        file.out = Files.newOutputStream(path);
        return new OutputStream() {
            private byte[] bytes = buffer();
            private int length;
            private boolean closed;

            @Override
            public void write(int b) {
                if (length == bytes.length) {
                    handOver();
                }
                bytes[length++] = (byte) b;
            }

            @Override
            public void write(byte[] source, int offset, int count) {
                while (count > 0) {
                    if (length == bytes.length) {
                        handOver();
                    }
                    int n = Math.min(count, bytes.length - length);
                    System.arraycopy(source, offset, bytes, length, n);
                    length += n;
                    offset += n;
                    count -= n;
                }
            }

            private void handOver() {
                FileWrites.this.write(file, bytes, length);
                bytes = buffer();
                length = 0;
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                if (length > 0) {
                    FileWrites.this.write(file, bytes, length);
                }
                FileWrites.this.close(file);
            }
        };
    }

    /** An empty buffer of {@link #BUFFER_SIZE} bytes, for the bytes of a later {@link #write}. */
    byte[] buffer() {
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[BUFFER_SIZE];
    }

    /** Writes the first {@code length} bytes of {@code buffer}, which belongs to the writer from now on. */
    void write(File file, byte[] buffer, int length) {
        checkFailure();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + file.name, e);
        }
        run(file, () -> {
            try {
                OutputStream out = file.out;
                if (failure == null && out != null) {
                    out.write(buffer, 0, length);
                }
            } finally {
                if (buffer.length == BUFFER_SIZE) {
                    free.offer(buffer);
                }
                inFlight.release();
            }
        });
    }

    /** Closes the file once its writes are done (also after a failure, so that none stays open). */
    void close(File file) {
        run(file, () -> {
            OutputStream out = file.out;
            if (out != null) {
                out.close();
            }
        });
    }

    /** Waits until every write is done; throws the first failure. */
    public void finish() {
        close();
        checkFailure();
    }

    /** Waits for the writes asked for (a failed pass leaves no file open). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // the disk is slow, not stuck: the writes asked for are bounded
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkFailure() {
        UncheckedIOException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    private void run(File file, IoTask task) {
        thread.execute(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = new UncheckedIOException(
                            "cannot write " + file.name,
                            e instanceof IOException io ? io : new IOException(e.getMessage(), e));
                }
            }
        });
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }
}
