package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON paths in error messages. */
class JsonPathTests {

    @Test
    void identifiersAndOperatorsUseDotsOtherKeysBrackets() {
        String filter = JsonPath.key(JsonPath.index("$.segments", 3), "filter");
        String field = JsonPath.key(JsonPath.index(JsonPath.key(filter, "filters"), 0), "address.city");

        assertThat(JsonPath.key(JsonPath.key(field, "conditions"), "$starts_with"))
                .isEqualTo("$.segments[3].filter.filters[0]['address.city'].conditions.$starts_with");
        assertThat(JsonPath.key("$", "it's a \\ key")).isEqualTo("$['it\\'s a \\\\ key']");
        assertThat(JsonPath.key("$", "")).isEqualTo("$['']");
        assertThat(JsonPath.key("$", "1st")).isEqualTo("$['1st']");
        assertThat(JsonPath.key("$", "$")).isEqualTo("$['$']");
        assertThat(JsonPath.key("$", "_a1")).isEqualTo("$._a1");
    }
}
