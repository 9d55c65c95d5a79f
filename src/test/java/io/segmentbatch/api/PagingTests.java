package io.segmentbatch.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTests {

    @Test
    void digitsAreANumberWhateverTheirLeadingZerosAndAFarPageIsPastTheEnd() {
        assertThat(Paging.limit(null)).isEqualTo(Paging.DEFAULT_LIMIT);
        assertThat(Paging.limit("0000000010")).isEqualTo(10);
        assertThat(Paging.limit("100")).isEqualTo(100);
        assertThat(Paging.offset(null, 10)).isZero();
        assertThat(Paging.offset("003", 10)).isEqualTo(20);
        assertThat(Paging.offset("1000000000", 10)).isEqualTo((Integer.MAX_VALUE - 1L) * 10);
        assertThat(Paging.offset("99999999999999999999999", 100)).isEqualTo((Integer.MAX_VALUE - 1L) * 100);
    }

    @Test
    void aLimitOutsideOneToAHundredOrAPageBelowOneIsRefused() {
        for (String bad : new String[] {"0", "000", "101", "1000000000", "-1", "1.5", "", "ten"}) {
            assertThatThrownBy(() -> Paging.limit(bad)).as(bad).isInstanceOf(ApiException.class);
        }
        for (String bad : new String[] {"0", "00", "-1", "+2", "", "x"}) {
            assertThatThrownBy(() -> Paging.offset(bad, 10)).as(bad).isInstanceOf(ApiException.class);
        }
    }
}
