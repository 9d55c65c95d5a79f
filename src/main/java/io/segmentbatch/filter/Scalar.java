package io.segmentbatch.filter;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A filter value compared with values whose type is only known per record: elements of arrays and untyped
 * metadata. It keeps every reading of the constant that such a comparison may need.
 *
 * @param kind    the JSON type it was written as
 * @param text    its text, lower case ({@code "gold"}, {@code "100"}, {@code "true"})
 * @param number  its value as a decimal when it is, or parses as, a number; else {@code null}
 * @param bool    its value as a boolean when it is, or is the string of, a boolean; else {@code null}
 */
record Scalar(
        Kind kind,
        String text,
        @Nullable BigDecimal number,
        @Nullable Boolean bool) {

    /** The JSON type a scalar was written as. */
    enum Kind {
        TEXT,
        NUMBER,
        BOOLEAN
    }

    Scalar {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (kind == Kind.NUMBER && number == null) {
            throw new IllegalArgumentException("a number scalar needs its number");
        }
        if (kind == Kind.BOOLEAN && bool == null) {
            throw new IllegalArgumentException("a boolean scalar needs its boolean");
        }
    }

    static Scalar ofText(String text) {
        String lower = TextCase.lower(text);
        Boolean bool = lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : null;
        return new Scalar(Kind.TEXT, lower, Decimals.parse(text), bool);
    }

    static Scalar ofNumber(BigDecimal number) {
        return new Scalar(Kind.NUMBER, number.toPlainString(), number, null);
    }

    static Scalar ofBoolean(boolean bool) {
        return new Scalar(Kind.BOOLEAN, Boolean.toString(bool), null, bool);
    }
}
