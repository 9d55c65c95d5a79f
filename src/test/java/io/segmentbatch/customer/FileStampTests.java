package io.segmentbatch.customer;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FileStampTests {

    @Test
    void aStampReadBackFromItsTextIsTheStamp() {
        FileStamp stamp =
                new FileStamp(Path.of("customers.csv"), 516_000_123L, Instant.ofEpochMilli(1_796_000_000_123L));

        assertThat(stamp.text()).isEqualTo("516000123:1796000000123");
        assertThat(FileStamp.parse(Path.of("customers.csv"), stamp.text())).isEqualTo(stamp);
    }
}
