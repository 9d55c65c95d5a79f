package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Set;

/**
 * One or more {@link Scalar} values, tested against a value typed by the record: a string equals a text
 * or boolean constant ignoring case, and a number constant when it parses as that number; a number equals
 * any constant that is or parses as that number; a boolean equals a boolean constant or its string; a date
 * or date-time equals its ISO text. Anything else (an array, an object) equals nothing.
 */
final class ScalarSet implements ValueTest {

    /** Up to this many texts are compared one by one, without lower-casing the record's text. */
    private static final int LINEAR_LIMIT = 8;

    private final String[] textArray;
    private final @Nullable Set<String> textSet;
    private final BigDecimal[] numbersForText;
    private final BigDecimal[] numbers;
    private final boolean hasTrue;
    private final boolean hasFalse;

    ScalarSet(List<Scalar> scalars) {
        textArray = scalars.stream()
                .filter(s -> s.kind() != Scalar.Kind.NUMBER)
                .map(Scalar::text)
                .distinct()
                .toArray(String[]::new);
        textSet = textArray.length > LINEAR_LIMIT ? Set.of(textArray) : null;
        numbersForText = scalars.stream()
                .filter(s -> s.kind() == Scalar.Kind.NUMBER)
                .map(Scalar::number)
                .toArray(BigDecimal[]::new);
        numbers = scalars.stream().map(Scalar::number).filter(n -> n != null).toArray(BigDecimal[]::new);
        hasTrue = scalars.stream().anyMatch(s -> Boolean.TRUE.equals(s.bool()));
        hasFalse = scalars.stream().anyMatch(s -> Boolean.FALSE.equals(s.bool()));
    }

    @Override
    public boolean test(@Nullable Object value) {
        if (value instanceof String text) {
            return containsText(text)
                    || (numbersForText.length > 0 && containsNumber(numbersForText, Decimals.parse(text)));
        }
        if (value instanceof Boolean bool) {
            return bool ? hasTrue : hasFalse;
        }
        BigDecimal number = Decimals.of(value);
        if (number != null) {
            return containsNumber(numbers, number);
        }
        return value instanceof TemporalAccessor && containsText(value.toString());
    }

    private boolean containsText(String text) {
        if (textSet != null) {
            return textSet.contains(TextCase.lower(text));
        }
        for (String candidate : textArray) {
            if (TextCase.equalsLower(text, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNumber(BigDecimal[] candidates, @Nullable BigDecimal number) {
        if (number == null) {
            return false;
        }
        for (BigDecimal candidate : candidates) {
            if (candidate.compareTo(number) == 0) {
                return true;
            }
        }
        return false;
    }
}
