package io.patchbay.connection;

import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.InvalidSettingsException;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.Upgrade;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.connection.internal.ConnectionSecrets;
import io.patchbay.tenancy.CurrentTenant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection's life after its setup: activation (validation before execution: the stored settings must pass Test
 * connection), pause and resume, and the move to a newer connector version. The external system is called with no
 * transaction open; the state changes in a short transaction afterwards, and only if the connection is still the
 * one that was tested.
 */
@Service
public class ConnectionLifecycle {

    private static final String OPERATE = ConnectionService.OPERATE;
    /** Who acts when Patchbay pauses a connection itself. */
    static final String AUTOMATIC = "Patchbay";

    private final ConnectionRepository connections;
    private final ConnectionStore store;
    private final ConnectionSecrets secrets;
    private final ConnectorCatalog catalog;
    private final TemplateLibrary library;
    private final Guardrails guardrails;
    private final ConnectionValidation validation;
    private final ApplicationEventPublisher events;

    ConnectionLifecycle(
            ConnectionRepository connections,
            ConnectionStore store,
            ConnectionSecrets secrets,
            ConnectorCatalog catalog,
            TemplateLibrary library,
            Guardrails guardrails,
            ConnectionValidation validation,
            ApplicationEventPublisher events) {
        this.connections = connections;
        this.store = store;
        this.secrets = secrets;
        this.catalog = catalog;
        this.library = library;
        this.guardrails = guardrails;
        this.validation = validation;
        this.events = events;
    }

    /**
     * Activates a draft: its stored details must pass Test connection first, and the validation dry run on the
     * source's first records (a report is kept). From now on it runs on its schedule (or when data arrives), and a
     * first sync is queued at once.
     *
     * @param version the version of the draft that was set up
     * @throws InvalidSetupException naming the field that stops activation, or {@code connection} with the
     *     classified test failure
     * @throws StaleConnectionException when someone changed the draft since {@code version} or while it was tested
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection activate(ConnectionId id, int version) {
        ConnectionStore.Stored stored = store.read(id);
        Connection connection = stored.connection();
        if (!connection.isDraft()) {
            return connection;
        }
        if (connection.version() != version) {
            throw new StaleConnectionException();
        }
        boolean streamChosen = library.find(connection.templateId(), connection.templateVersion())
                .map(t -> t.streamFor(connection.stream()) != null)
                .orElse(false);
        if (!streamChosen) {
            throw new InvalidSetupException("stream", "Choose the table to sync in the field mapping step.");
        }
        guardrails.requireMet(guardrails.violations(connection), id);
        Connector connector = store.connector(connection);
        ConnectorConfig config = configure(stored);
        CheckResult check = connector.check(config);
        if (!check.success()) {
            throw new InvalidSetupException(
                    "connection",
                    check.summary() + " "
                            + check.failure().map(ConnectorError::fix).orElse(""));
        }
        ValidationReport report = validation.validate(id);
        if (!report.passed()) {
            throw new InvalidSetupException("validation", "The validation did not pass: " + report.verdict());
        }
        connector.onActivate(config);
        return store.write(id, version, current -> {
            connections.updateState(id, ConnectionState.ACTIVE);
            events.publishEvent(new ConnectionActivated(
                    current.tenantId(),
                    id,
                    current.scheduleMinutes(),
                    connector.spec().pushed(),
                    CurrentTenant.actor()));
            return store.current(id);
        });
    }

    @PreAuthorize(OPERATE)
    public Connection pause(ConnectionId id) {
        return pause(id, CurrentTenant.actor());
    }

    /**
     * Pauses a connection whose runs left their baseline, as its admins asked ({@link Connection#pauseOnAnomaly()}):
     * Patchbay's own action, for the tenant in scope, audited as Patchbay's.
     */
    public Connection pauseOnAnomaly(ConnectionId id) {
        Connection connection = store.read(id).connection();
        return connection.pauseOnAnomaly() ? pause(id, AUTOMATIC) : connection;
    }

    private Connection pause(ConnectionId id, String actor) {
        ConnectionStore.Stored stored = store.read(id);
        if (stored.connection().state() != ConnectionState.ACTIVE) {
            return stored.connection();
        }
        try {
            store.connector(stored.connection()).onPause(store.configure(stored));
        } catch (ConnectorException e) {
            // a connection whose settings no longer work can always be paused; there is nothing to tell its system
        }
        return store.write(id, current -> {
            if (current.state() == ConnectionState.ACTIVE) {
                connections.updateState(id, ConnectionState.PAUSED);
                events.publishEvent(new ConnectionPaused(current.tenantId(), id, actor));
            }
            return store.current(id);
        });
    }

    @PreAuthorize(OPERATE)
    public Connection resume(ConnectionId id) {
        ConnectionStore.Stored stored = store.read(id);
        if (stored.connection().state() != ConnectionState.PAUSED) {
            return stored.connection();
        }
        Connector connector = store.connector(stored.connection());
        connector.onActivate(configure(stored));
        return store.write(id, current -> {
            if (current.state() == ConnectionState.PAUSED) {
                connections.updateState(id, ConnectionState.ACTIVE);
                events.publishEvent(new ConnectionResumed(
                        current.tenantId(),
                        id,
                        current.scheduleMinutes(),
                        connector.spec().pushed(),
                        CurrentTenant.actor()));
            }
            return store.current(id);
        });
    }

    /** The newer connector version this connection can move to, if there is one. */
    public Optional<Upgrade> availableUpgrade(Connection connection) {
        return catalog.upgradeFor(connection.connector());
    }

    /**
     * Moves the connection to the next version of its connector: its settings are migrated, validated against the
     * new schema and (unless it is a draft) tested before anything is saved, so an upgrade that cannot work changes
     * nothing. Secrets stay sealed; checkpoints stay, so the next sync carries on where the last one stopped.
     *
     * @throws InvalidSetupException {@code connector} when there is nothing to upgrade to or the settings cannot be
     *     carried over, {@code connection} when the new version fails Test connection
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection upgrade(ConnectionId id, int version) {
        ConnectionStore.Stored stored = store.read(id);
        Connection connection = stored.connection();
        if (connection.version() != version) {
            throw new StaleConnectionException();
        }
        Upgrade upgrade = catalog.upgradeFor(connection.connector())
                .orElseThrow(() -> new InvalidSetupException(
                        "connector", connection.connector() + " is the newest version of its connector."));
        ConnectorSettings carried =
                catalog.migrate(upgrade, new ConnectorSettings((ObjectNode) connection.settings(), stored.secrets()));
        // tokens a person's consent gave are not settings: they stay with the connection, and a refresh during the
        // test below is stored like any other
        Map<String, String> migratedSecrets = new LinkedHashMap<>(carried.secrets());
        stored.secrets().forEach((key, value) -> {
            if (OAuth2Tokens.isTokenKey(key)) {
                migratedSecrets.put(key, value);
            }
        });
        ConnectorSettings migrated = store.settings(stored, carried.values(), migratedSecrets);
        ConnectorConfig config;
        try {
            config = catalog.configure(upgrade.to(), migrated);
        } catch (InvalidSettingsException e) {
            throw new InvalidSetupException(
                    "connector",
                    "Your settings cannot be carried over to " + upgrade.to() + ": "
                            + e.problems().get(0).message() + ". Nothing was changed.");
        } catch (ConnectorException e) {
            throw new InvalidSetupException(
                    "connector", e.error().message() + " " + e.error().fix() + " Nothing was changed.");
        }
        if (!connection.isDraft()) {
            CheckResult check = catalog.connector(upgrade.to()).orElseThrow().check(config);
            if (!check.success()) {
                throw new InvalidSetupException(
                        "connection",
                        "With " + upgrade.to() + " Test connection fails: " + check.summary() + " "
                                + check.failure().map(ConnectorError::fix).orElse("") + " Nothing was changed.");
            }
        }
        return store.write(id, version, current -> {
            // tokens refreshed during the test were stored meanwhile: seal the newest ones
            Map<String, String> all = new LinkedHashMap<>(migrated.secrets());
            secrets.stored(current).forEach((key, value) -> {
                if (OAuth2Tokens.isTokenKey(key)) {
                    all.put(key, value);
                }
            });
            byte[] sealed = all.isEmpty() ? null : secrets.seal(current.tenantId(), id, all);
            connections.updateConnector(id, upgrade.to(), migrated.values(), sealed, ConnectionSecrets.hints(all));
            events.publishEvent(new ConnectionChanged(
                    current.tenantId(),
                    id,
                    "connection.upgraded",
                    Map.of("from", upgrade.from(), "to", upgrade.to()),
                    CurrentTenant.actor()));
            return store.current(id);
        });
    }

    private ConnectorConfig configure(ConnectionStore.Stored stored) {
        try {
            return store.configure(stored);
        } catch (ConnectorException e) {
            throw new InvalidSetupException(
                    "connection", e.error().message() + " " + e.error().fix());
        }
    }
}
