package io.segmentbatch.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyTextTests {

    @Test
    void textAndUtf8BytesEscapeTheSameWayAndSplitBackToTheValues() {
        String[] values = {
            "plain",
            "tab\there",
            "line\nbreak\r",
            "back\\slash",
            "Łódź 🙂 Straße",
            "",
            "\\N",
            "\\",
            "ends in \\",
            "controls \u0001\u001f, space, DEL \u007f, \u0080 and é"
        };
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
            CopyText.Row fields = new CopyText.Row().of(row.getBytes(StandardCharsets.UTF_8));
            assertThat(fields.text()).isEqualTo(value);
            assertThat(fields.text()).isNull();
        }
    }

    /** What PostgreSQL's COPY TO sends, control characters included (it escapes \b, \f and \v as well). */
    @Test
    void aRowAsPostgresqlSendsItReadsBackItsValues() {
        byte[] row = "cust_1\t\t\\N\tZo\\b\\f\\v\\x\tżółw@example.com\t-9223372036854775808\t42\n"
                .getBytes(StandardCharsets.UTF_8);
        CopyText.Row fields = new CopyText.Row().of(row);
        assertThat(fields.text()).isEqualTo("cust_1");
        assertThat(fields.text()).isEmpty();
        assertThat(fields.text()).isNull();
        assertThat(fields.text()).isEqualTo("Zo\b\f\u000Bx");
        assertThat(fields.text()).isEqualTo("żółw@example.com");
        assertThat(fields.number()).isEqualTo(Long.MIN_VALUE);
        assertThat(fields.number()).isEqualTo(42);
        assertThatThrownBy(fields::text).hasMessageContaining("fewer fields");
        assertThatThrownBy(() -> new CopyText.Row()
                        .of("12a\n".getBytes(StandardCharsets.UTF_8))
                        .number())
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("'12a'");
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
