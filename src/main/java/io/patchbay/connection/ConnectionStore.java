package io.patchbay.connection;

import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.InvalidSettingsException;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.connection.internal.ConnectionSecrets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the connection module keeps remote calls out of transactions: a connection is read with its secrets in one
 * short transaction, the external system is called with no transaction and no row lock held, and what follows is
 * written in another short transaction that locks the row and checks the version read before, so a change made
 * meanwhile is detected instead of overwritten.
 */
@Component
class ConnectionStore {

    /** A connection as stored, with its secrets in clear: for the calls made after the reading transaction ended. */
    record Stored(Connection connection, Map<String, String> secrets) {

        @Override
        public String toString() {
            return "Stored[" + connection.id() + "]";
        }
    }

    private final ConnectionRepository connections;
    private final ConnectionSecrets secrets;
    private final ConnectorCatalog catalog;
    private final TransactionTemplate write;
    private final TransactionTemplate read;

    ConnectionStore(
            ConnectionRepository connections,
            ConnectionSecrets secrets,
            ConnectorCatalog catalog,
            PlatformTransactionManager transactions) {
        this.connections = connections;
        this.secrets = secrets;
        this.catalog = catalog;
        this.write = new TransactionTemplate(transactions);
        this.read = new TransactionTemplate(transactions);
        this.read.setReadOnly(true);
    }

    /** The connection of the tenant in scope with its secrets, or empty. */
    Optional<Stored> find(ConnectionId id) {
        return read.execute(s -> connections.find(id).map(c -> new Stored(c, secrets.stored(c))));
    }

    /** @throws InvalidSetupException when there is no such connection in the tenant's scope */
    Stored read(ConnectionId id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Locks the connection and applies a change in one short transaction, provided nobody changed it since {@code
     * version} was read.
     *
     * @throws StaleConnectionException when the connection's version moved on
     */
    <T> T write(ConnectionId id, int version, Function<Connection, T> change) {
        return write(id, current -> {
            if (current.version() != version) {
                throw new StaleConnectionException();
            }
            return change.apply(current);
        });
    }

    /** Locks the connection and applies a change in one short transaction, whatever its version. */
    <T> T write(ConnectionId id, Function<Connection, T> change) {
        return write.execute(s -> change.apply(connections.lock(id).orElseThrow(() -> notFound(id))));
    }

    /** The connection as it is now, in the caller's transaction. */
    Connection current(ConnectionId id) {
        return connections.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The typed configuration of the stored settings. Called with no transaction open: configuring may look a host
     * up, and the token store writes refreshed tokens at once.
     *
     * @throws ConnectorException CONFIG when the stored settings no longer form a valid configuration
     */
    ConnectorConfig configure(Stored stored) {
        try {
            return catalog.configure(
                    stored.connection().connector(),
                    settings(stored, (ObjectNode) stored.connection().settings(), stored.secrets()));
        } catch (InvalidSettingsException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The saved settings are no longer valid: "
                            + e.problems().get(0).message() + ".",
                    "Open the connection's setup and correct its details.");
        }
    }

    /** Settings for the connection's connector: these values and secrets, and its token store. */
    ConnectorSettings settings(Stored stored, ObjectNode values, Map<String, String> secretValues) {
        return new ConnectorSettings(values, secretValues, secrets.tokenStore(stored.connection()));
    }

    Connector connector(Connection connection) {
        return catalog.connector(connection.connector())
                .orElseThrow(
                        () -> new IllegalStateException("Connector " + connection.connector() + " is not installed"));
    }

    static InvalidSetupException notFound(ConnectionId id) {
        return new InvalidSetupException("id", "There is no connection " + id + ".");
    }
}
