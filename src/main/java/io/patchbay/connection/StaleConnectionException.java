package io.patchbay.connection;

/**
 * The connection changed since the caller read it (another person saved it, or it was activated or upgraded
 * meanwhile): nothing was written, and the caller should reload and make the change again on what is there now.
 */
public class StaleConnectionException extends InvalidSetupException {

    StaleConnectionException() {
        super(
                "version",
                "Someone else changed this connection since you opened it, so your change was not saved. Reload to"
                        + " see the connection as it is now, then make your change again.");
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
