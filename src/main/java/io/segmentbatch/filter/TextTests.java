package io.segmentbatch.filter;

import java.util.List;
import java.util.Set;

/** Text operators on string values, ignoring letter case; the constants are already lower case. */
final class TextTests {

    /** Up to this many {@code $in} values are compared one by one, without lower-casing the record's text. */
    private static final int LINEAR_IN_LIMIT = 8;

    private TextTests() {
    }

    static ValueTest compile(Condition condition) {
        return switch (condition.operator()) {
            case IS -> equalTo(condition.value(String.class));
            case IN -> in(condition.values(String.class));
            case CONTAINS -> {
                String part = condition.value(String.class);
                yield value -> value instanceof String text && TextCase.containsLower(text, part);
            }
            case STARTS_WITH -> {
                String prefix = condition.value(String.class);
                yield value -> value instanceof String text && TextCase.startsWithLower(text, prefix);
            }
            case ENDS_WITH -> {
                String suffix = condition.value(String.class);
                yield value -> value instanceof String text && TextCase.endsWithLower(text, suffix);
            }
            default -> throw ConditionCompiler.unsupported(condition, "text");
        };
    }

    private static ValueTest equalTo(String lower) {
        return value -> value instanceof String text && TextCase.equalsLower(text, lower);
    }

    private static ValueTest in(List<String> lowers) {
        if (lowers.size() == 1) {
            return equalTo(lowers.get(0));
        }
        if (lowers.size() <= LINEAR_IN_LIMIT) {
            String[] candidates = lowers.toArray(String[]::new);
            return value -> {
                if (!(value instanceof String text)) {
                    return false;
                }
                for (String candidate : candidates) {
                    if (TextCase.equalsLower(text, candidate)) {
                        return true;
                    }
                }
                return false;
            };
        }
        Set<String> set = Set.copyOf(lowers);
        return value -> value instanceof String text && set.contains(TextCase.lower(text));
    }
}
