package io.patchbay.catalog.spi;

import io.patchbay.base.ExplainedError;
import org.jspecify.annotations.Nullable;

/** Thrown by connector operations with a classified {@link ConnectorError}. */
public class ConnectorException extends RuntimeException implements ExplainedError {

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

    /** How a sender or caller should read it: refused credentials, a request to slow down, or a passing fault. */
    @Override
    public Kind kind() {
        return switch (error.errorClass()) {
            case AUTH -> Kind.UNAUTHORIZED;
            case CONFIG -> Kind.INVALID;
            case RATE_LIMIT -> Kind.RATE_LIMITED;
            case TRANSIENT -> Kind.UNAVAILABLE;
            case DATA -> Kind.MALFORMED;
            case INTERNAL -> Kind.INTERNAL;
        };
    }

    @Override
    public String title() {
        return error.errorClass().label();
    }

    @Override
    public String detail() {
        return error.message();
    }

    @Override
    public String fix() {
        return error.fix();
    }

    @Override
    public String errorClass() {
        return error.errorClass().name();
    }
}
