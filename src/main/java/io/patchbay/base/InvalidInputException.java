package io.patchbay.base;

/**
 * Input a person typed that cannot be accepted, said in their words: forms catch it to show it beside the field, and
 * where one does not, the view error handler shows it as it is. Nothing was changed.
 */
public class InvalidInputException extends IllegalArgumentException implements ExplainedError {

    public InvalidInputException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
