package io.segmentbatch.segment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writing thread's streams: every byte, in order, once finished; a failure names the file. */
class FileWritesTests {
    @TempDir
    Path folder;

    private final FileWrites writes = new FileWrites();

    @AfterEach
    void stop() {
        writes.close();
    }

    @Test
    void aStreamHoldsEveryByteInOrderWhateverTheSizesOfItsWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (OutputStream out = writes.stream(folder.resolve("deep/events.ndjson"), "events.ndjson")) {
            for (int i = 0; i < 2_000; i++) {
                // single bytes, short lines and lines longer than a buffer, across the buffers' boundaries
                byte[] line = new byte[i % 500 == 3 ? 3 * FileWrites.BUFFER_SIZE + i : random.nextInt(700)];
                random.nextBytes(line);
                out.write(line);
                out.write('\n');
                expected.write(line);
                expected.write('\n');
            }
        }
        writes.finish();

        assertThat(Files.readAllBytes(folder.resolve("deep/events.ndjson"))).isEqualTo(expected.toByteArray());
    }

    @Test
    void aStreamWhoseFileCannotBeCreatedFailsAtOnce() throws IOException {
        Files.writeString(folder.resolve("taken"), "a file where the folder should be");

        assertThatThrownBy(() -> writes.stream(folder.resolve("taken/events.ndjson"), "taken/events.ndjson"))
                .isInstanceOf(IOException.class);
    }
}
