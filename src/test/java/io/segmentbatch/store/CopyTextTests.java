package io.segmentbatch.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTests {

    @Test
    void textAndUtf8BytesEscapeTheSameWayAndSplitBackToTheValues() {
        String[] values = {"plain", "tab\there", "line\nbreak\r", "back\\slash", "Łódź 🙂 Straße", "", "\\N"};
        for (String value : values) {
            byte[] utf8 = (value + "ignored past the length").getBytes(StandardCharsets.UTF_8);
            int length = value.getBytes(StandardCharsets.UTF_8).length;
            CopyText.Rows fromText =
                    new CopyText.Rows(8).text(value).tab().text(null).end();
            CopyText.Rows fromBytes =
                    new CopyText.Rows(8).utf8(utf8, length).tab().text(null).end();

            String row = new String(fromText.array(), 0, fromText.length(), StandardCharsets.UTF_8);
            assertThat(new String(fromBytes.array(), 0, fromBytes.length(), StandardCharsets.UTF_8))
                    .isEqualTo(row);
            String[] fields = new String[2];
            CopyText.split(row, fields);
            assertThat(fields).containsExactly(value, null);
        }
    }

    @Test
    void aLongIsWrittenAsLongToStringWritesIt() {
        long[] values = {
            0,
            7,
            9,
            10,
            99,
            100,
            -1,
            -10,
            1234567890123L,
            999_999_999_999_999_999L,
            1_000_000_000_000_000_000L,
            Long.MAX_VALUE,
            -Long.MAX_VALUE,
            Long.MIN_VALUE,
            1L << 63 >>> 1,
            -(1L << 40)
        };
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            CopyText.Rows rows = new CopyText.Rows(1).plain(value).tab().plain(value / 7);
            assertThat(new String(rows.array(), 0, rows.length(), StandardCharsets.US_ASCII))
                    .isEqualTo(value + "\t" + value / 7);
        }
        for (long value : values) {
            CopyText.Rows rows = new CopyText.Rows(1).plain(value);
            assertThat(new String(rows.array(), 0, rows.length(), StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(value));
        }
    }
}
