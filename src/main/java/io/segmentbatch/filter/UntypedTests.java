package io.segmentbatch.filter;

import java.util.List;

/**
 * Operators on metadata of undeclared type, whose values are typed per record by their JSON type:
 * a string, a number, a boolean or an array. Each operator picks the reading it needs; a value that has no
 * such reading (a word for {@code $more_than}, an array for {@code $starts_with}) does not match.
 */
final class UntypedTests {

    private UntypedTests() {
    }

    static ValueTest compile(FieldRef field, Condition condition, DateContext dates) {
        return switch (condition.operator()) {
            case IS -> new ScalarSet(condition.values(Scalar.class));
            case IN -> {
                ScalarSet scalars = new ScalarSet(condition.values(Scalar.class));
                ValueTest arrays = ArrayTests.compile(condition);
                yield value -> value instanceof List<?> ? arrays.test(value) : scalars.test(value);
            }
            case CONTAINS -> {
                String part = condition.value(Scalar.class).text();
                ValueTest arrays = ArrayTests.compile(condition);
                yield value -> value instanceof String text ? TextCase.containsLower(text, part) : arrays.test(value);
            }
            case STARTS_WITH, ENDS_WITH -> TextTests.compile(condition);
            case MORE_THAN, MORE_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL -> NumberTests.compile(condition);
            case INTERSECTS, INCLUDES, COUNT, COUNT_MORE, COUNT_LESS -> ArrayTests.compile(condition);
            default -> DateTests.compile(field, condition, dates);
        };
    }
}
