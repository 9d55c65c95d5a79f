package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation-free comparisons agree with their definition, comparison after {@code toLowerCase(Locale.ROOT)} with
 * the final sigma taken as {@code σ} ({@link TextCase#lower(String)}).
 */
class TextCaseTests {

    private static final String[] PIECES = {
        "a",
        "A",
        "z",
        "Z",
        "ß",
        "ẞ",
        "İ",
        "i",
        "\u0307",
        "I",
        "Σ",
        "σ",
        "ς",
        "Ł",
        "ł",
        "Ó",
        "ó",
        "\uD801\uDC00",
        "\uD801\uDC28",
        " ",
        "1",
        "Ω",
        "ω",
        "K",
        "\u212A"
    };

    @Test
    void fastComparisonsAgreeWithLowerCasingBothSides() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            String text = randomText(random);
            String other = TextCase.lower(random.nextInt(4) == 0 ? text : randomText(random));
            String lowerText = TextCase.lower(text);
            assertThat(TextCase.equalsLower(text, other))
                    .as("%s equals %s", text, other)
                    .isEqualTo(lowerText.equals(other));
            assertThat(TextCase.startsWithLower(text, other))
                    .as("%s starts with %s", text, other)
                    .isEqualTo(lowerText.startsWith(other));
            assertThat(TextCase.endsWithLower(text, other))
                    .as("%s ends with %s", text, other)
                    .isEqualTo(lowerText.endsWith(other));
            assertThat(TextCase.containsLower(text, other)).isEqualTo(lowerText.contains(other));
        }
    }

    @Test
    void lowerCaseIsUnicodeLowerCaseNotCaseFolding() {
        assertThat(TextCase.equalsLower("ŁÓDŹ", "łódź")).isTrue();
        assertThat(TextCase.equalsLower("STRAßE", "straße")).isTrue();
        assertThat(TextCase.equalsLower("STRASSE", "straße")).isFalse();
        assertThat(TextCase.equalsLower("İzmir", "i\u0307zmir")).isTrue();
    }

    @Test
    void aCapitalSigmaIsFoundWhereverTheSameLettersAre() {
        // lower-cased on its own, the Σ ending "ΚΏΣ" is a final ς, and inside "ΚΏΣΤΑΣ" a σ
        assertThat(TextCase.startsWithLower("ΚΏΣΤΑΣ", TextCase.lower("ΚΏΣ"))).isTrue();
        assertThat(TextCase.startsWithLower("Κώστας", TextCase.lower("ΚΏΣ"))).isTrue();
        assertThat(TextCase.containsLower("ΠΟΣΟ", TextCase.lower("ΟΣ"))).isTrue();
        assertThat(TextCase.endsWithLower("ΟΔΟΣ", TextCase.lower("Σ"))).isTrue();
        assertThat(TextCase.endsWithLower("οδος", TextCase.lower("ΟΣ"))).isTrue();
        assertThat(TextCase.equalsLower("ΟΔΟΣ", TextCase.lower("οδος"))).isTrue();
        assertThat(TextCase.equalsLower("οδοσ", TextCase.lower("ΟΔΟΣ"))).isTrue();
        assertThat(TextCase.equalsLower("ΟΔΟΣ", TextCase.lower("ΟΔΟ"))).isFalse();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
