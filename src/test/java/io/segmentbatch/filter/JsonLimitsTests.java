package io.segmentbatch.filter;

import io.segmentbatch.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonLimitsTests {

    @Test
    void anUnclosedArrayOrObjectIsSaidWithWhereTheTextEndsAndNotTheParsersSourceDescription() {
        // the parser's own message: "… expected close marker for Array (start marker at [Source: REDACTED
        // (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN])"
        assertThat(describe("{\"segments\": [\n"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Array (line 2, column 1)");
        assertThat(describe("[1, {\"x\": 2"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object (line 1, column 12)");
        assertThat(describe("{\"a\": }")).doesNotContain("Source", "REDACTED").contains("line 1");
    }

    private static String describe(String json) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> Json.MAPPER.readTree(json));
        assertThat(e).as(json).isNotNull();
        return JsonLimits.describe(e);
    }
}
