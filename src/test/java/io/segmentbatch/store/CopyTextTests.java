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
}
