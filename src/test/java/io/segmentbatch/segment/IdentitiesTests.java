package io.segmentbatch.segment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdentitiesTests {

    private static final List<String> KEYS = List.of(
            "cust_a",
            "cust_b",
            "CRM-1",
            "Zofia",
            "źródło",
            "\uE000private",
            "\uFFFDreplacement",
            "\uD83D\uDE00smile",
            "\uD83D\uDE00",
            "a\uFF21",
            "a\uD800\uDC00",
            "a\uE000",
            "",
            "\u007F",
            "\u0080");

    @Test
    void everyUtf16UnitSurvivesTheSortKeyAndBack() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String key = "k" + c + "z";
            assertThat(Identities.keyOf(Identities.sortKey(key))).isEqualTo(key);
        }
        for (String key : KEYS) {
            assertThat(Identities.keyOf(Identities.sortKey(key))).isEqualTo(key);
        }
    }

    @Test
    void sortKeysInUtf16OrderAreTheKeysInCodePointOrder() {
        List<String> byCodePoint = new ArrayList<>(KEYS);
        byCodePoint.sort(Identities.ORDER);
        List<String> bySortKey = new ArrayList<>(KEYS);
        bySortKey.sort(Comparator.comparing(Identities::sortKey));
        assertThat(bySortKey).containsExactlyElementsOf(byCodePoint);
        assertThat(byCodePoint.indexOf("\uD83D\uDE00")).isGreaterThan(byCodePoint.indexOf("\uFFFDreplacement"));
    }

    @Test
    void plainKeysAreTheirOwnSortKeys() {
        assertThat(Identities.sortKey("cust_0WGaFVTzXbGJaWvNbFJct66C")).isSameAs("cust_0WGaFVTzXbGJaWvNbFJct66C");
        assertThat(Identities.keyOf("cust_0WGaFVTzXbGJaWvNbFJct66C")).isSameAs("cust_0WGaFVTzXbGJaWvNbFJct66C");
    }
}
