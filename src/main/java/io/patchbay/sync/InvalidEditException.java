package io.patchbay.sync;

/** An edit of a quarantined record that cannot be saved: not JSON, or still not valid; nothing was saved. */
public class InvalidEditException extends RuntimeException {

    public InvalidEditException(String message) {
        super(message);
    }
}
