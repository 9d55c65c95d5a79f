package io.segmentbatch.filter;

import java.util.Objects;

/**
 * A field path of the filter language, resolved against the field table and the metadata schema.
 *
 * @param path      the canonical path ({@code address.city} for the alias {@code city},
 *                  {@code birthdate} for {@code birthday}, {@code metadata.tier}, ...)
 * @param type      the field's type
 */
public record FieldRef(String path, FieldType type) {
    public FieldRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }
}
