package io.segmentbatch.customer;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CellValuesTests {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void theFastDateTimePathAgreesWithJavaTimeOnRandomInstants() {
        SplittableRandom random = new SplittableRandom(7);
        DateTimeFormatter[] formats = {
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
        };
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000_000));
            String text = formats[i % formats.length].withZone(UTC).format(instant);
            assertThat(CellValues.dateTime(text, UTC))
                    .as(text)
                    .isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void anIntegerCellsErrorsShowWholeNumbers() {
        assertThatThrownBy(() -> CellValues.integer("x"))
                .hasMessage("'x' is not a whole number (expected digits, like 3 or -12)");
        assertThatThrownBy(() -> CellValues.integer("2.5")).hasMessageContaining("no decimal part");
        assertThatThrownBy(() -> CellValues.number("x")).hasMessageContaining("like 12500 or -3.75");
        assertThat(CellValues.integer("-12")).isEqualByComparingTo("-12");
    }

    @Test
    void offsetsAndPlainDatesStillWork() {
        assertThat(CellValues.dateTime("2024-03-01T10:00:00+02:00", UTC))
                .isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(CellValues.dateTime("2024-03-01", ZoneId.of("Europe/Warsaw")))
                .isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
        assertThat(CellValues.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void impossibleDatesAndTimesAreRejectedWithWhatWasExpected() {
        for (String bad : new String[] {
            "2023-02-29T10:00:00Z",
            "2023-13-01T10:00:00Z",
            "2023-01-01T24:00:00Z",
            "2023-01-01T10:60:00Z",
            "2023-01-01 10:00:00Z",
            "yesterday"
        }) {
            assertThatThrownBy(() -> CellValues.dateTime(bad, UTC))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a date-time");
        }
        for (String bad :
                new String[] {"2023-02-29", "2023-13-45", "20x3-01-01", "2023/01/01", "+10000-01-01", "2023-1-01"}) {
            assertThatThrownBy(() -> CellValues.date(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a date");
        }
    }

    @Test
    void numbersAreAnOptionalMinusDigitsAndAnOptionalDecimalPart() {
        assertThat(CellValues.number("-12.50")).isEqualTo(new BigDecimal("-12.50"));
        assertThat(CellValues.number("0")).isEqualTo(BigDecimal.ZERO);
        for (String bad : new String[] {"1,250.00", "1e5", "+3", "12.", ".5", "-", "abc"}) {
            assertThatThrownBy(() -> CellValues.number(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aNumberHasTheValueAndScaleOfItsDecimalTextHoweverManyDigitsItHas() {
        for (String text : new String[] {
            "007",
            "-0",
            "-0.0",
            "12.50",
            "0.000001",
            "-3.75",
            "123456789012345678",
            "-12345678901234567.8",
            "1234567890123456789",
            "98765432109876543210.123456789",
            "-9223372036854775808",
            "9223372036854775807"
        }) {
            // BigDecimal's equals compares the scale too: 12.50 is not 12.5
            assertThat(CellValues.number(text)).as(text).isEqualTo(new BigDecimal(text));
        }
    }
}
