package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;

/** What a run needs to read a connection: its connector, its typed configuration (secret in clear) and template. */
public record ResolvedConnection(
        Connection connection, Template template, Connector connector, ConnectorConfig config) {

    @Override
    public String toString() {
        return "ResolvedConnection[" + connection.id() + "]";
    }
}
