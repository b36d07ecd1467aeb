package io.patchbay.sync;

import io.patchbay.base.ExplainedError;

/** An edit of a quarantined record that cannot be saved: not JSON, or still not valid; nothing was saved. */
public class InvalidEditException extends RuntimeException implements ExplainedError {

    public InvalidEditException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
