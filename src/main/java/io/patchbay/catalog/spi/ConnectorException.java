package io.patchbay.catalog.spi;

import org.jspecify.annotations.Nullable;

/** Thrown by connector operations with a classified {@link ConnectorError}. */
public class ConnectorException extends RuntimeException {

    private final ConnectorError error;

    public ConnectorException(ConnectorError error) {
        this(error, null);
    }

    public ConnectorException(ConnectorError error, @Nullable Throwable cause) {
        super(error.errorClass() + ": " + error.message(), cause);
        this.error = error;
    }

    public ConnectorException(ErrorClass errorClass, String message, String fix) {
        this(new ConnectorError(errorClass, message, fix));
    }

    public ConnectorException(ErrorClass errorClass, String message, String fix, @Nullable Throwable cause) {
        this(new ConnectorError(errorClass, message, fix), cause);
    }

    public ConnectorError error() {
        return error;
    }
}
