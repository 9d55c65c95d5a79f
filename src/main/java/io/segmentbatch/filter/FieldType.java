package io.segmentbatch.filter;

/** The type of a filterable field, which decides the operators it takes and how values compare. */
public enum FieldType {
    STRING,
    NUMBER,
    BOOLEAN,
    DATE,
    DATETIME,
    ARRAY,
    /** Metadata whose type is not declared: typed by its JSON value, strings used as numbers or dates when they parse. */
    UNTYPED
}
