package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;

/** What a run needs to read a connection: its connector, its typed configuration (secret in clear) and template. */
public record ResolvedConnection(
        Connection connection, Template template, Connector connector, ConnectorConfig config) {

    /** The stream a run reads: the template's, or the one chosen at setup. */
    public String stream() {
        String stream = template.stream() != null ? template.stream() : connection.stream();
        if (stream == null) {
            throw new IllegalStateException("Connection " + connection.id() + " has no stream");
        }
        return stream;
    }

    /** The core entity its records become: the template's, or the stream's name. */
    public String entity() {
        return template.entity() != null ? template.entity() : stream();
    }

    @Override
    public String toString() {
        return "ResolvedConnection[" + connection.id() + "]";
    }
}
