package io.patchbay.connection;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.mapping.Mapping;
import io.patchbay.validation.IdentityRules;
import io.patchbay.validation.ValidationRules;

/**
 * What a run needs to read a connection (or, for a destination, to write to it): the stream, the core entity its
 * records become (or are written from), the mapping and the template's validation rules its
 * records go through, the identity rules that match them to core records, its connector and its typed configuration (secrets in clear).
 */
public record ResolvedConnection(
        Connection connection,
        String stream,
        String entity,
        boolean destination,
        Mapping mapping,
        ValidationRules validation,
        IdentityRules identity,
        Connector connector,
        ConnectorConfig config) {

    @Override
    public String toString() {
        return "ResolvedConnection[" + connection.id() + "]";
    }
}
