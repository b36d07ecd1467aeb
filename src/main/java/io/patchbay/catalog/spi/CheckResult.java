package io.patchbay.catalog.spi;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The answer to "Test connection": success with a short summary of what was reached, or a classified error. */
public record CheckResult(
        boolean success, String summary, @Nullable ConnectorError error) {

    public static CheckResult succeeded(String summary) {
        return new CheckResult(true, summary, null);
    }

    public static CheckResult failed(ConnectorError error) {
        return new CheckResult(false, error.message(), error);
    }

    public Optional<ConnectorError> failure() {
        return Optional.ofNullable(error);
    }
}
