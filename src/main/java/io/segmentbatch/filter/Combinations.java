package io.segmentbatch.filter;

/** AND and OR of compiled filters, short-circuiting in the order written. */
final class Combinations {

    private Combinations() {}

    static <T> CompiledFilter<T> allOf(CompiledFilter<T>[] parts) {
        if (parts.length == 2) {
            CompiledFilter<T> first = parts[0];
            CompiledFilter<T> second = parts[1];
            return record -> first.matches(record) && second.matches(record);
        }
        return record -> {
            for (CompiledFilter<T> part : parts) {
                if (!part.matches(record)) {
                    return false;
                }
            }
            return true;
        };
    }

    static <T> CompiledFilter<T> anyOf(CompiledFilter<T>[] parts) {
        if (parts.length == 2) {
            CompiledFilter<T> first = parts[0];
            CompiledFilter<T> second = parts[1];
            return record -> first.matches(record) || second.matches(record);
        }
        return record -> {
            for (CompiledFilter<T> part : parts) {
                if (part.matches(record)) {
                    return true;
                }
            }
            return false;
        };
    }

    static ValueTest allOf(ValueTest[] tests) {
        if (tests.length == 1) {
            return tests[0];
        }
        if (tests.length == 2) {
            ValueTest first = tests[0];
            ValueTest second = tests[1];
            return value -> first.test(value) && second.test(value);
        }
        return value -> {
            for (ValueTest test : tests) {
                if (!test.test(value)) {
                    return false;
                }
            }
            return true;
        };
    }
}
