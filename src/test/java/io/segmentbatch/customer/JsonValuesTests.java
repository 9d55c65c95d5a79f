package io.segmentbatch.customer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The streamed parse of a metadata cell gives exactly what the tree gave, values, scales and errors alike. */
class JsonValuesTests {

    @Test
    void everyCellParsesToTheValuesAndErrorsOfTheTreePath() {
        List<String> cells = new ArrayList<>(List.of(
                "{}",
                "{\"a\":1,\"b\":-2,\"c\":100.10,\"d\":1.5e3,\"e\":0.1234567890123456789,\"f\":12345678901234567890123}",
                "{\"s\":\"Zoë \\\"Q\\\" \\u0141\\n\",\"t\":true,\"u\":false,\"n\":null}",
                "{\"nested\":{\"list\":[1,\"two\",[3.0],{\"x\":null}],\"empty\":[]}}",
                "{\"dup\":1,\"other\":2,\"dup\":3}",
                "{\"big\":1e400}",
                "{\"a\":1} trailing",
                "{\"a\":1}{\"b\":2}",
                "[1,2]",
                "\"text\"",
                "",
                "   ",
                "{\"a\":",
                "{\"a\":tru}",
                "{'single':1}",
                "{\"a\":01}",
                "{\"a\":NaN}",
                "null"));
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            cells.add(randomObject(random, 0));
        }
        for (String cell : cells) {
            Throwable expected = catchThrowable(() -> JsonValues.treeObject(cell));
            if (expected == null) {
                assertThat(JsonValues.parseObject(cell)).as(cell).isEqualTo(JsonValues.treeObject(cell));
            } else {
                Throwable actual = catchThrowable(() -> JsonValues.parseObject(cell));
                assertThat(actual).as(cell).isNotNull().isInstanceOf(expected.getClass());
                assertThat(actual.getMessage()).as(cell).isEqualTo(expected.getMessage());
            }
        }
    }

    @Test
    void aNumberBeyondADoublesRangeIsABadCellNotAFailedRun() {
        assertThat(catchThrowable(() -> JsonValues.parseObject("{\"a\":1,\"big\":-1e400}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("holds a number too large to read (beyond ±1.7e308)");
    }

    private static String randomObject(Random random, int depth) {
        StringBuilder json = new StringBuilder("{");
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("\"k").append(random.nextInt(4)).append("\":").append(randomValue(random, depth + 1));
        }
        return json.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> Integer.toString(random.nextInt(2_000_001) - 1_000_000);
            case 1 -> String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 1000);
            case 2 -> "\"" + "abcłódź\\\"".substring(random.nextInt(5)) + "\"";
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> Long.toString(random.nextLong());
            case 6 -> randomObject(random, depth);
            default -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
        };
    }
}
