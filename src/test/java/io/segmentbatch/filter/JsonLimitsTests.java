package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLimitsTests {

    @Test
    void theStartOfAnUnclosedArrayIsSaidAsALineAndColumnWhenTheParserKnowsThem() {
        assertThat(JsonLimits.startMarker("Unexpected end-of-input: expected close marker for Array (start marker at"
                        + " [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1,"
                        + " column: 25])"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Array (opened at line 1, column 25)");
        assertThat(JsonLimits.startMarker("Unexpected end-of-input: expected close marker for Object (start marker at"
                        + " [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset:"
                        + " #UNKNOWN])"))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object");
        assertThat(JsonLimits.startMarker("Unexpected character ('}' (code 125))"))
                .isEqualTo("Unexpected character ('}' (code 125))");
    }
}
