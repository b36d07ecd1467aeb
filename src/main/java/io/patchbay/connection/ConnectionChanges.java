package io.patchbay.connection;

import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.tenancy.CurrentTenant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Changes to a connection after its setup: rename, edit settings (tested against the external system before they
 * are saved), rotate a secret, discard a draft, delete. Like setup, each change is saved only if nobody changed the
 * connection since the caller read it, no remote call runs inside a transaction, and each change is audited with the
 * values before and after (secrets as hints).
 */
@Service
public class ConnectionChanges {

    private static final Logger log = LoggerFactory.getLogger(ConnectionChanges.class);

    private final ConnectionService setup;
    private final ConnectionRepository connections;
    private final ConnectionStore store;
    private final ApplicationEventPublisher events;

    ConnectionChanges(
            ConnectionService setup,
            ConnectionRepository connections,
            ConnectionStore store,
            ApplicationEventPublisher events) {
        this.setup = setup;
        this.connections = connections;
        this.store = store;
        this.events = events;
    }

    /**
     * @throws InvalidSetupException naming the field when the name is not 3 to 80 characters
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection rename(ConnectionId id, int version, String name) {
        String valid = ConnectionService.validName(name);
        return store.write(id, version, current -> {
            if (!valid.equals(current.name())) {
                connections.updateName(id, valid);
                setup.publishChange(id, "connection.renamed", Map.of("name", valid, "name.before", current.name()));
            }
            return store.current(id);
        });
    }

    /**
     * Whether the connection is paused automatically when its record volume or failure rate leaves its baseline (it
     * is reported either way).
     *
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection pauseOnAnomaly(ConnectionId id, int version, boolean pause) {
        return store.write(id, version, current -> {
            if (current.pauseOnAnomaly() != pause) {
                connections.updatePauseOnAnomaly(id, pause);
                setup.publishChange(
                        id,
                        "connection.anomaly_pause_changed",
                        Map.of("pauseOnAnomaly", pause ? "on" : "off", "pauseOnAnomaly.before", pause ? "off" : "on"));
            }
            return store.current(id);
        });
    }

    /**
     * Saves new settings (and any secret replaced; a blank one keeps the stored) after testing them against the
     * external system: a connection that works is never saved into one that does not.
     *
     * @throws InvalidSetupException naming the field that is wrong, or the test's failure with its fix
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection editSettings(ConnectionId id, int version, ConnectionDetails details) {
        Connection connection = store.read(id).connection();
        if (connection.isDraft()) {
            return setup.saveDetails(id, version, details);
        }
        CheckResult check = setup.testConnection(id, details);
        if (!check.success()) {
            String fix = check.error() == null ? "" : " " + check.error().fix();
            throw new InvalidSetupException("connection", "Nothing was saved: " + check.summary() + fix);
        }
        return setup.saveDetails(id, version, details);
    }

    /**
     * Discards a setup that was never activated.
     *
     * @throws InvalidSetupException when the connection is active or paused (delete it instead)
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public void discard(ConnectionId id, int version) {
        store.write(id, version, current -> {
            if (!current.isDraft()) {
                throw new InvalidSetupException(
                        "id", "Only a setup in progress can be discarded; delete the connection.");
            }
            events.publishEvent(deleted(current, false));
            connections.delete(id);
            return null;
        });
    }

    /**
     * Deletes a connection: the connector is told first (to remove what it registered at the source), then the
     * connection, its schedule, runs, checkpoints and identity links go in one transaction, and its records in the
     * core store with them when {@code removeRecords}; otherwise they stay, no longer linked to it.
     *
     * @return what the connector said when it could not clean up at the source (the deletion went ahead), or empty
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Optional<String> delete(ConnectionId id, int version, boolean removeRecords) {
        ConnectionStore.Stored stored = store.read(id);
        if (stored.connection().version() != version) {
            throw new StaleConnectionException();
        }
        String warning = null;
        if (!stored.connection().isDraft()) {
            try {
                store.connector(stored.connection()).onDelete(store.configure(stored));
            } catch (ConnectorException e) {
                // the source keeps what it had; deleting here must not depend on a system that may be gone for good
                log.warn(
                        "Connector could not clean up for deleted connection {}: {}",
                        id,
                        e.error().message());
                warning = e.error().message() + " " + e.error().fix();
            }
        }
        store.write(id, version, current -> {
            events.publishEvent(deleted(current, removeRecords));
            connections.delete(id);
            return null;
        });
        return Optional.ofNullable(warning);
    }

    private static ConnectionDeleted deleted(Connection connection, boolean removeRecords) {
        return new ConnectionDeleted(
                CurrentTenant.require(),
                connection.id(),
                connection.name(),
                connection.isDraft(),
                removeRecords,
                CurrentTenant.actor());
    }
}
