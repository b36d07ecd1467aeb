package io.patchbay.catalog.spi;

/**
 * A connector's typed configuration, secrets included in clear, for the duration of one call. Implementations are
 * records whose {@code toString()} hides every secret.
 */
public interface ConnectorConfig {}
