package io.segmentbatch.customer;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTests {

    @Test
    void aCellBecomesPlainJavaValuesNumbersAsDecimals() {
        Map<String, Object> values = JsonValues.parseObject("{\"a\":1,\"c\":100.10,\"d\":1.5e3,"
                + "\"f\":12345678901234567890123,\"s\":\"Łódź\",\"t\":true,\"n\":null,"
                + "\"nested\":{\"list\":[1,\"two\"]},\"dup\":1,\"dup\":3}");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", new BigDecimal("1"));
        expected.put("c", new BigDecimal("100.1"));
        expected.put("d", new BigDecimal("1500.0"));
        expected.put("f", new BigDecimal("12345678901234567890123"));
        expected.put("s", "Łódź");
        expected.put("t", true);
        expected.put("n", null);
        expected.put("nested", Map.of("list", List.of(new BigDecimal("1"), "two")));
        expected.put("dup", new BigDecimal("3"));
        assertThat(values).containsExactlyEntriesOf(expected);
    }

    @Test
    void aNumberWithMoreDigitsThanADoubleHoldsIsReadExactly() {
        Map<String, Object> values = JsonValues.parseObject(
                "{\"amount\":12345678901234567.5,\"small\":0.12345678901234567891,\"e\":1.00000000000000001e3,"
                        + "\"short\":123456789012.5}");

        assertThat(values.get("amount")).isEqualTo(new BigDecimal("12345678901234567.5"));
        assertThat(values.get("small")).isEqualTo(new BigDecimal("0.12345678901234567891"));
        assertThat(values.get("e")).isEqualTo(new BigDecimal("1.00000000000000001e3"));
        assertThat(values.get("short")).isEqualTo(new BigDecimal("123456789012.5"));
    }

    @Test
    void aNumberBeyondADoublesRangeIsABadCellNotAFailedRun() {
        assertThatThrownBy(() -> JsonValues.parseObject("{\"a\":1,\"big\":-1e400}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("holds a number too large to read (beyond ±1.7e308)");
    }

    @Test
    void aCellThatIsNoJsonObjectSaysSo() {
        for (String cell : Arrays.asList("[1,2]", "\"text\"", "null")) {
            assertThatThrownBy(() -> JsonValues.parseObject(cell))
                    .as(cell)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("is not a JSON object");
        }
        assertThatThrownBy(() -> JsonValues.parseObject("{\"a\":tru}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("is not valid JSON (");
    }

    @Test
    void aCellHoldsOneValueAndNothingAfterIt() {
        for (String cell : Arrays.asList("{\"a\":1} {\"b\":2}", "{\"a\":1}]", "{\"a\":[1,2}", "{\"a\":1")) {
            assertThatThrownBy(() -> JsonValues.parseObject(cell))
                    .as(cell)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("is not valid JSON (");
        }
        assertThatThrownBy(() -> JsonValues.parseObject("{\"a\":1} {\"b\":2}")).hasMessageContaining("column 9");
        assertThatThrownBy(() -> JsonValues.parseObject(" ")).hasMessage("is not a JSON object");
    }

    @Test
    void anArrayCellBecomesAList() {
        assertThat(JsonValues.parseArray(" [\"gold\", 2, 2.50, [true, null], {\"k\": false}] "))
                .containsExactly(
                        "gold",
                        new BigDecimal("2"),
                        new BigDecimal("2.5"),
                        Arrays.asList(true, null),
                        Map.of("k", false));
        assertThatThrownBy(() -> JsonValues.parseArray("{\"a\":1}")).hasMessage("is not a JSON array");
        assertThatThrownBy(() -> JsonValues.parseArray("[1,")).hasMessageStartingWith("is not a valid JSON array (");
    }
}
