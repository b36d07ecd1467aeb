package io.patchbay.connection;

import io.patchbay.base.ExplainedError;

/** A setup input that cannot be accepted; names the field so forms and the API can show it in place. */
public class InvalidSetupException extends RuntimeException implements ExplainedError {

    private final String field;

    public InvalidSetupException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
