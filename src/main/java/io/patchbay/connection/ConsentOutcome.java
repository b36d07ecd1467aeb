package io.patchbay.connection;

import io.patchbay.catalog.spi.ConnectorError;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a consent ended, once the provider sent the person back: the connection it was for (null when the answer
 * matches no consent this session started, so it cannot be told), and the classified failure, if it failed.
 */
public record ConsentOutcome(
        @Nullable ConnectionId connection, @Nullable ConnectorError failure) {

    public Optional<ConnectorError> failed() {
        return Optional.ofNullable(failure);
    }
}
