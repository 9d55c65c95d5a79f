package io.segmentbatch.job;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsOfTests {

    @Test
    void acceptsInstantsFromTheYear1900ToTheYear9999() {
        assertThat(AsOf.parse("1900-01-01T00:00:00Z")).isEqualTo(AsOf.MIN);
        assertThat(AsOf.parse("2026-11-28T00:00:00Z")).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(AsOf.parse("9999-12-31T23:59:59.999Z")).isBefore(AsOf.MAX);
    }

    @Test
    void refusesInstantsOutsideThatRangeAndTextThatIsNoInstant() {
        for (String text : new String[] {
            "+999999999-12-31T23:59:59Z", "1899-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"
        }) {
            assertThatThrownBy(() -> AsOf.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside the years 1900 to 9999");
        }
        assertThatThrownBy(() -> AsOf.parse("yesterday")).hasMessageContaining("not an ISO 8601 instant");
    }
}
