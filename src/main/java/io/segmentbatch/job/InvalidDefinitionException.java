package io.segmentbatch.job;

import java.util.List;
import java.util.stream.Collectors;

/** A job definition with errors; carries all of them. */
public class InvalidDefinitionException extends RuntimeException {
    private final List<DefinitionError> errors;

    public InvalidDefinitionException(List<DefinitionError> errors) {
        super((errors.size() == 1 ? "1 error" : errors.size() + " errors") + " in the job definition:\n"
                + errors.stream().map(DefinitionError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }
}
