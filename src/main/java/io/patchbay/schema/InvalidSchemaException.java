package io.patchbay.schema;

import io.patchbay.base.ExplainedError;

/** A version an engineer tried to register is not one: {@link #field()} names what to correct. */
public class InvalidSchemaException extends RuntimeException implements ExplainedError {

    private final String field;

    public InvalidSchemaException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code schema} or {@code notes}. */
    public String field() {
        return field;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
