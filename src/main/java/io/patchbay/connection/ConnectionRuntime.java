package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.mapping.Mapping;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The connection as the sync runtime needs it, and only the runtime: connector, typed configuration with secrets in
 * clear, the stream and the mapping its records go through. Setup and changes are {@link ConnectionService}'s and its
 * neighbours'.
 */
@Service
public class ConnectionRuntime {

    private final ConnectionStore store;
    private final TemplateLibrary library;
    private final MappingCompiler mappings;

    ConnectionRuntime(ConnectionStore store, TemplateLibrary library, MappingCompiler mappings) {
        this.store = store;
        this.library = library;
        this.mappings = mappings;
    }

    /**
     * Everything a run needs to read the connection, secrets decrypted. Inside the run's tenant scope and outside any
     * transaction; the result must not outlive the run.
     *
     * @throws io.patchbay.catalog.spi.ConnectorException when the stored settings no longer form a valid configuration
     */
    public Optional<ResolvedConnection> resolve(ConnectionId id) {
        return store.find(id).map(stored -> {
            Connection connection = stored.connection();
            Template template = library.find(connection.templateId(), connection.templateVersion())
                    .orElseThrow(() -> new IllegalStateException(
                            "Template " + connection.templateId() + "@" + connection.templateVersion() + " is gone"));
            String stream = template.streamFor(connection.stream());
            if (stream == null) {
                throw new IllegalStateException("Connection " + connection.id() + " has no stream");
            }
            Mapping mapping = mappings.compile(template, connection.stream(), connection.mappingOr(template));
            return new ResolvedConnection(
                    connection,
                    stream,
                    template.entityFor(stream),
                    template.destination(),
                    mapping,
                    template.validation(),
                    template.identity(),
                    store.connector(connection),
                    store.configure(stored));
        });
    }
}
