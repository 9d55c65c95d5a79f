package io.segmentbatch.segment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentLimitsTests {

    @Test
    void aNameEndingLikeACutStaticSegmentsIsRefusedAndOneThatOnlyLooksCloseIsNot() {
        assertThat(SegmentLimits.jobNameProblem("Gmail users (1/2)"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("\"(1/2)\"", "cut from a filter segment"));
        assertThat(SegmentLimits.jobNameProblem("Top 10 (13/200)")).isPresent();
        assertThat(SegmentLimits.nameProblem("Gmail users (1/2)"))
                .as("a name as such: Voucherify takes it")
                .isEmpty();
        for (String fine : new String[] {"Gmail users", "Gmail (1/2) users", "Half (1/2", "Ratio 1/2", "Gmail(1/2)"}) {
            assertThat(SegmentLimits.jobNameProblem(fine)).as(fine).isEmpty();
        }
    }

    @Test
    void halfASurrogatePairIsRefusedAndAWholePairIsACharacter() {
        assertThat(SegmentLimits.nameProblem("lone " + (char) 0xD800 + " high"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("U+D800", "character 6"));
        assertThat(SegmentLimits.customerIdProblem("c" + (char) 0xDC00))
                .hasValueSatisfying(problem -> assertThat(problem).contains("U+DC00", "character 2"));
        assertThat(SegmentLimits.nameProblem("Fans \uD83D\uDE00 only")).isEmpty();
        assertThat(SegmentLimits.customerIdProblem("\uD83D\uDE00")).isEmpty();
    }
}
