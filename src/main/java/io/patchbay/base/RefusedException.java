package io.patchbay.base;

/**
 * A request refused because of the state things are in now (a run that did not fail, a connection that is paused):
 * nothing was changed, and the message says why in the asker's words.
 */
public class RefusedException extends IllegalStateException implements ExplainedError {

    public RefusedException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
