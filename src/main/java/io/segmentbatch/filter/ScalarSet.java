package io.segmentbatch.filter;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One or more {@link Scalar} values, tested against a value typed by the record: a string equals a text
 * or boolean constant ignoring case, and a number constant when it parses as that number; a number equals
 * any constant that is or parses as that number; a boolean equals a boolean constant or its string.
 */
final class ScalarSet implements ValueTest {

    private final Set<String> texts = new HashSet<>();
    private final BigDecimal[] numbersForText;
    private final BigDecimal[] numbers;
    private final boolean hasTrue;
    private final boolean hasFalse;

    ScalarSet(List<Scalar> scalars) {
        scalars.stream().filter(s -> s.kind() != Scalar.Kind.NUMBER).forEach(s -> texts.add(s.text()));
        numbersForText = scalars.stream().filter(s -> s.kind() == Scalar.Kind.NUMBER)
                .map(Scalar::number).toArray(BigDecimal[]::new);
        numbers = scalars.stream().map(Scalar::number).filter(n -> n != null).toArray(BigDecimal[]::new);
        hasTrue = scalars.stream().anyMatch(s -> Boolean.TRUE.equals(s.bool()));
        hasFalse = scalars.stream().anyMatch(s -> Boolean.FALSE.equals(s.bool()));
    }

    @Override
    public boolean test(Object value) {
        if (value instanceof String text) {
            return texts.contains(TextCase.lower(text))
                    || (numbersForText.length > 0 && containsNumber(numbersForText, Decimals.parse(text)));
        }
        if (value instanceof Boolean bool) {
            return bool ? hasTrue : hasFalse;
        }
        BigDecimal number = Decimals.of(value);
        if (number != null) {
            return containsNumber(numbers, number);
        }
        return value != null && !(value instanceof List<?>) && texts.contains(TextCase.lower(value.toString()));
    }

    private static boolean containsNumber(BigDecimal[] candidates, BigDecimal number) {
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
