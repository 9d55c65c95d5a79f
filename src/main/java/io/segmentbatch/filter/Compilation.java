package io.segmentbatch.filter;

import java.util.Objects;

/**
 * What compiling one filter for one run needs: the record's field accessors and the run's dates.
 *
 * @param resolver gives the accessor of each field
 * @param dates    today, the time zone and the calendar periods of the run
 */
record Compilation<T>(FieldResolver<T> resolver, DateContext dates) {

    Compilation {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(dates, "dates");
    }

    FieldAccessor<T> accessor(FieldRef field) {
        FieldAccessor<T> accessor = resolver.accessor(field);
        if (accessor == null) {
            throw new IllegalStateException("the field resolver has no accessor for " + field.path());
        }
        return accessor;
    }
}
