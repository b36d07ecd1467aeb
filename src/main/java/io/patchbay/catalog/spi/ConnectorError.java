package io.patchbay.catalog.spi;

/**
 * A classified connector failure: what went wrong in the user's words, and what to do about it. Neither text may
 * contain a secret.
 */
public record ConnectorError(ErrorClass errorClass, String message, String fix) {

    public boolean retryable() {
        return errorClass.retryable();
    }
}
