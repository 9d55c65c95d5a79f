package io.segmentbatch.customer;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

class IoFailuresTests {

    @Test
    void theJdksFileExceptionsWhoseMessageIsThePathAloneSayWhy() {
        assertThat(IoFailures.reason(new AccessDeniedException("/in/c.csv"))).isEqualTo("permission denied");
        assertThat(IoFailures.reason(new NoSuchFileException("/in/c.csv"))).isEqualTo("no such file");
        assertThat(IoFailures.reason(new FileSystemException("/in/c.csv", null, "Is a directory")))
                .isEqualTo("Is a directory");
    }

    @Test
    void anyOtherFailureKeepsItsMessageOrNamesItsKind() {
        assertThat(IoFailures.reason(new EOFException("Unexpected end of ZLIB input stream")))
                .isEqualTo("Unexpected end of ZLIB input stream");
        assertThat(IoFailures.reason(new EOFException())).isEqualTo("EOFException");
    }
}
