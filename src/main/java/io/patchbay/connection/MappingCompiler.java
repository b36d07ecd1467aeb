package io.patchbay.connection;

import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.mapping.InvalidMappingException;
import io.patchbay.mapping.Mapping;
import io.patchbay.mapping.Mappings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place a connection's mapping is compiled: for a source, from the stream's records to its core entity
 * (checked against the entity's schema); for a destination, from core records to what the stream accepts (checked
 * against the connector's write schema of the stream).
 */
@Component
class MappingCompiler {

    private final Mappings mappings;
    private final ConnectorCatalog catalog;

    MappingCompiler(Mappings mappings, ConnectorCatalog catalog) {
        this.mappings = mappings;
        this.catalog = catalog;
    }

    /** @throws InvalidMappingException when it does not compile, or a destination's stream cannot be written */
    Mapping compile(Template template, @Nullable String chosenStream, @Nullable String expression) {
        String stream = template.streamFor(chosenStream);
        if (!template.destination()) {
            return mappings.compile(template.entityFor(stream), expression);
        }
        return mappings.compileToStream(String.valueOf(stream), accepts(template, stream), expression);
    }

    /** The JSON Schema of what a destination's stream accepts. */
    ObjectNode accepts(Template template, @Nullable String stream) {
        return catalog.connector(template.connector())
                .flatMap(connector -> connector.spec().streams().stream()
                        .filter(s -> s.name().equals(stream))
                        .findFirst())
                .map(ConnectorSpec.StreamSpec::writeSchema)
                .orElseThrow(() -> new InvalidMappingException(
                        0, 0, template.connector() + " cannot write to a stream '" + stream + "'."));
    }
}
