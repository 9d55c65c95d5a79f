package io.segmentbatch.filter;

import java.math.BigDecimal;

/** Number operators, comparing exact decimals ({@code 100} equals {@code 100.0}); a non-number never matches. */
final class NumberTests {

    private NumberTests() {
    }

    static ValueTest compile(Condition condition) {
        if (condition.operator() == Operator.IN) {
            return in(condition.values(BigDecimal.class).toArray(BigDecimal[]::new));
        }
        BigDecimal bound = condition.value(BigDecimal.class);
        return switch (condition.operator()) {
            case IS -> value -> {
                BigDecimal number = Decimals.of(value);
                return number != null && number.compareTo(bound) == 0;
            };
            case MORE_THAN -> value -> {
                BigDecimal number = Decimals.of(value);
                return number != null && number.compareTo(bound) > 0;
            };
            case MORE_THAN_EQUAL -> value -> {
                BigDecimal number = Decimals.of(value);
                return number != null && number.compareTo(bound) >= 0;
            };
            case LESS_THAN -> value -> {
                BigDecimal number = Decimals.of(value);
                return number != null && number.compareTo(bound) < 0;
            };
            case LESS_THAN_EQUAL -> value -> {
                BigDecimal number = Decimals.of(value);
                return number != null && number.compareTo(bound) <= 0;
            };
            default -> throw ConditionCompiler.unsupported(condition, "number");
        };
    }

    private static ValueTest in(BigDecimal[] candidates) {
        return value -> {
            BigDecimal number = Decimals.of(value);
            if (number != null) {
                for (BigDecimal candidate : candidates) {
                    if (number.compareTo(candidate) == 0) {
                        return true;
                    }
                }
            }
            return false;
        };
    }
}
