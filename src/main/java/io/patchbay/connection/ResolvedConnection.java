package io.patchbay.connection;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.mapping.Mapping;
import io.patchbay.validation.IdentityRules;
import io.patchbay.validation.ValidationRules;

/**
 * What a run needs to read a connection: the stream it reads, the mapping and the template's validation rules its
 * records go through, the identity rules that match them to core records, its connector and its typed configuration (secrets in clear).
 */
public record ResolvedConnection(
        Connection connection,
        String stream,
        Mapping mapping,
        ValidationRules validation,
        IdentityRules identity,
        Connector connector,
        ConnectorConfig config) {

    /** The core entity its records become. */
    public String entity() {
        return mapping.entity();
    }

    @Override
    public String toString() {
        return "ResolvedConnection[" + connection.id() + "]";
    }
}
