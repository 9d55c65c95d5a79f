package io.segmentbatch.customer;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

class FileFailuresTests {

    @Test
    void theJdksFileExceptionsWhoseMessageIsThePathAloneSayWhy() {
        assertThat(FileFailures.reason(new AccessDeniedException("/in/c.csv"))).isEqualTo("permission denied");
        assertThat(FileFailures.reason(new NoSuchFileException("/in/c.csv"))).isEqualTo("no such file");
        assertThat(FileFailures.reason(new FileSystemException("/in/c.csv", null, "Is a directory")))
                .isEqualTo("Is a directory");
    }

    @Test
    void anyOtherFailureKeepsItsMessageOrNamesItsKind() {
        assertThat(FileFailures.reason(new EOFException("Unexpected end of ZLIB input stream")))
                .isEqualTo("Unexpected end of ZLIB input stream");
        assertThat(FileFailures.reason(new EOFException())).isEqualTo("EOFException");
    }
}
