package io.patchbay.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.InvalidSettingsException;
import io.patchbay.catalog.SettingProblem;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.Upgrade;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.catalog.spi.TokenStore;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sets up and runs the lifecycle of the current tenant's connections: drafts from templates, settings validated
 * against the connector's schema with secrets sealed in the vault, schedule, activation, pause and resume. Every
 * change is published as an event (audit, scheduling).
 */
@Service
public class ConnectionService {

    public static final int MIN_SCHEDULE_MINUTES = 5;
    public static final int MAX_SCHEDULE_MINUTES = 1440;
    private static final String SETUP = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";
    private static final String OPERATE = "hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";

    private final ConnectionRepository connections;
    private final ConnectorCatalog catalog;
    private final SecretVault vault;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;

    ConnectionService(
            ConnectionRepository connections,
            ConnectorCatalog catalog,
            SecretVault vault,
            ApplicationEventPublisher events,
            ObjectMapper json,
            PlatformTransactionManager transactions) {
        this.connections = connections;
        this.catalog = catalog;
        this.vault = vault;
        this.events = events;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional(readOnly = true)
    public List<Connection> list() {
        return connections.list();
    }

    /** The connection, or empty when it does not exist or belongs to another tenant. */
    @Transactional(readOnly = true)
    public Optional<Connection> find(ConnectionId id) {
        return connections.find(id);
    }

    /** The spec of the connection's connector: its setup form, streams and capabilities. */
    public ConnectorSpec spec(Connection connection) {
        return connector(connection).spec();
    }

    /** Starts a setup from a template: a draft with the template's defaults, kept until it is activated. */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection startSetup(String templateId) {
        Template template = catalog.template(templateId)
                .orElseThrow(() -> new InvalidSetupException("template", "There is no template '" + templateId + "'."));
        var id = ConnectionId.random();
        connections.insert(
                id,
                template.name(),
                template.id(),
                template.connector(),
                template.defaultSettings().deepCopy(),
                template.defaultScheduleMinutes(),
                CurrentTenant.actor());
        publishChange(id, "connection.created", Map.of("template", template.id(), "name", template.name()));
        return connections.find(id).orElseThrow();
    }

    /**
     * What is wrong with these details, field by field (empty when nothing is); for forms that validate as the
     * user types. Secrets left blank count as the stored ones.
     */
    @Transactional(readOnly = true)
    public List<SettingProblem> problems(ConnectionId id, ConnectionDetails details) {
        Connection connection = require(id);
        return catalog.problems(connection.connector(), settings(connection, details));
    }

    /**
     * Saves the details step (name, settings, secrets) and moves a draft on to the mapping step.
     *
     * @throws InvalidSetupException naming the first field that is wrong
     */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection saveDetails(ConnectionId id, ConnectionDetails details) {
        Connection connection = require(id);
        String name = validName(details.name());
        ConnectorSettings settings = settings(connection, details);
        try {
            catalog.configure(connection.connector(), settings);
        } catch (InvalidSettingsException e) {
            SettingProblem first = e.problems().get(0);
            throw new InvalidSetupException(first.field(), first.message());
        } catch (ConnectorException e) {
            throw new InvalidSetupException(
                    "connection", e.error().message() + " " + e.error().fix());
        }
        Map<String, String> newSecrets = nonBlank(details.secrets());
        byte[] sealed =
                newSecrets.isEmpty() ? null : vault.seal(connection.tenantId(), owner(id), write(settings.secrets()));
        Map<String, String> hints = hints(settings.secrets());
        var step = connection.setupStep().compareTo(SetupStep.MAPPING) < 0 ? SetupStep.MAPPING : connection.setupStep();
        connections.updateDetails(
                id, name, settings.values(), sealed, hints, connection.isDraft() ? step : connection.setupStep());

        Map<String, String> changes = new LinkedHashMap<>();
        if (!name.equals(connection.name())) changes.put("name", name);
        settings.values().fields().forEachRemaining(field -> {
            if (!field.getValue().equals(connection.settings().get(field.getKey()))) {
                changes.put(field.getKey(), field.getValue().asText());
            }
        });
        newSecrets.keySet().forEach(key -> changes.put(key, hints.get(key)));
        if (!changes.isEmpty()) publishChange(id, "connection.details_changed", changes);
        return require(id);
    }

    /**
     * Tests details against the external system without saving them; secrets left blank test the stored ones.
     * Never throws for a failure of the external system or of the settings: the result says what went wrong and
     * how to fix it.
     */
    @Transactional(readOnly = true)
    @PreAuthorize(SETUP)
    public CheckResult testConnection(ConnectionId id, ConnectionDetails details) {
        Connection connection = require(id);
        try {
            ConnectorConfig config = catalog.configure(connection.connector(), settings(connection, details));
            return connector(connection).check(config);
        } catch (InvalidSettingsException e) {
            SettingProblem first = e.problems().get(0);
            return CheckResult.failed(new ConnectorError(
                    ErrorClass.CONFIG, first.message() + ".", "Correct the field marked in the form."));
        } catch (ConnectorException e) {
            return CheckResult.failed(e.error());
        }
    }

    /** Moves a draft to the given step; used when the admin goes back and forth in the wizard. */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection goToStep(ConnectionId id, SetupStep step) {
        Connection connection = require(id);
        if (connection.isDraft()) {
            connections.updateStep(id, step);
        }
        return require(id);
    }

    /**
     * The streams the connection's settings reach, for templates that leave the choice to the admin.
     *
     * @throws ConnectorException when the system cannot be asked (classified, with a fix)
     */
    @Transactional(readOnly = true)
    @PreAuthorize(SETUP)
    public List<ConnectorSpec.StreamSpec> streams(ConnectionId id) {
        Connection connection = require(id);
        return connector(connection).discover(storedConfig(connection));
    }

    /** Chooses the stream to sync, one of {@link #streams}. */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection chooseStream(ConnectionId id, String stream) {
        boolean known = streams(id).stream().anyMatch(s -> s.name().equals(stream));
        if (!known) {
            throw new InvalidSetupException("stream", "Choose one of the tables the connection can read.");
        }
        connections.updateStream(id, stream);
        publishChange(id, "connection.stream_chosen", Map.of("stream", stream));
        return require(id);
    }

    @Transactional
    @PreAuthorize(SETUP)
    public Connection saveSchedule(ConnectionId id, int minutes) {
        Connection connection = require(id);
        if (minutes < MIN_SCHEDULE_MINUTES || minutes > MAX_SCHEDULE_MINUTES) {
            throw new InvalidSetupException(
                    "scheduleMinutes",
                    "Choose between " + MIN_SCHEDULE_MINUTES + " and " + MAX_SCHEDULE_MINUTES + " minutes.");
        }
        if (minutes != connection.scheduleMinutes()) {
            connections.updateSchedule(id, minutes);
            publishChange(id, "connection.schedule_changed", Map.of("scheduleMinutes", String.valueOf(minutes)));
        }
        return require(id);
    }

    /**
     * Activates a draft: its details must pass Test connection first (validation before execution). From now on it
     * runs on its schedule, and a first sync is queued at once.
     *
     * @throws InvalidSetupException naming the field that stops activation, or {@code connection} with the
     *     classified test failure
     */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection activate(ConnectionId id) {
        Connection connection = connections.lock(id).orElseThrow(() -> notFound(id));
        if (!connection.isDraft()) {
            return connection;
        }
        boolean streamChosen = catalog.template(connection.templateId())
                .map(t -> t.stream() != null || connection.stream() != null)
                .orElse(false);
        if (!streamChosen) {
            throw new InvalidSetupException("stream", "Choose the table to sync in the field mapping step.");
        }
        ConnectorConfig config = storedConfig(connection);
        CheckResult check = connector(connection).check(config);
        if (!check.success()) {
            throw new InvalidSetupException(
                    "connection",
                    check.summary() + " " + check.failure().map(e -> e.fix()).orElse(""));
        }
        connector(connection).onActivate(config);
        connections.updateState(id, ConnectionState.ACTIVE);
        events.publishEvent(new ConnectionActivated(
                connection.tenantId(),
                id,
                connection.scheduleMinutes(),
                spec(connection).pushed(),
                CurrentTenant.actor()));
        return require(id);
    }

    @Transactional
    @PreAuthorize(OPERATE)
    public Connection pause(ConnectionId id) {
        Connection connection = connections.lock(id).orElseThrow(() -> notFound(id));
        if (connection.state() == ConnectionState.ACTIVE) {
            connector(connection).onPause(storedConfig(connection));
            connections.updateState(id, ConnectionState.PAUSED);
            events.publishEvent(new ConnectionPaused(connection.tenantId(), id, CurrentTenant.actor()));
        }
        return require(id);
    }

    @Transactional
    @PreAuthorize(OPERATE)
    public Connection resume(ConnectionId id) {
        Connection connection = connections.lock(id).orElseThrow(() -> notFound(id));
        if (connection.state() == ConnectionState.PAUSED) {
            connector(connection).onActivate(storedConfig(connection));
            connections.updateState(id, ConnectionState.ACTIVE);
            events.publishEvent(new ConnectionResumed(
                    connection.tenantId(),
                    id,
                    connection.scheduleMinutes(),
                    spec(connection).pushed(),
                    CurrentTenant.actor()));
        }
        return require(id);
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
     */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection upgrade(ConnectionId id) {
        Connection connection = connections.lock(id).orElseThrow(() -> notFound(id));
        Upgrade upgrade = catalog.upgradeFor(connection.connector())
                .orElseThrow(() -> new InvalidSetupException(
                        "connector", connection.connector() + " is the newest version of its connector."));
        Map<String, String> stored = storedSecrets(connection);
        ConnectorSettings carried =
                catalog.migrate(upgrade, new ConnectorSettings((ObjectNode) connection.settings(), stored));
        // tokens a person's consent gave are not settings: they stay with the connection, and a refresh during the
        // test below is stored like any other
        Map<String, String> secrets = new LinkedHashMap<>(carried.secrets());
        stored.forEach((key, value) -> {
            if (OAuth2Tokens.isTokenKey(key)) {
                secrets.put(key, value);
            }
        });
        ConnectorSettings migrated = new ConnectorSettings(carried.values(), secrets, tokenStore(connection));
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
        Map<String, String> hints = hints(migrated.secrets());
        byte[] sealed = migrated.secrets().isEmpty()
                ? null
                : vault.seal(connection.tenantId(), owner(id), write(migrated.secrets()));
        connections.updateConnector(id, upgrade.to(), migrated.values(), sealed, hints);
        publishChange(id, "connection.upgraded", Map.of("from", upgrade.from(), "to", upgrade.to()));
        return require(id);
    }

    /**
     * Everything a run needs to read the connection, secrets decrypted. For the sync runtime only, inside the run's
     * tenant scope; the result must not outlive the run.
     *
     * @throws ConnectorException when the stored settings no longer form a valid configuration
     */
    @Transactional(readOnly = true)
    public Optional<ResolvedConnection> resolve(ConnectionId id) {
        return connections.find(id).map(connection -> {
            Template template = catalog.template(connection.templateId())
                    .orElseThrow(() -> new IllegalStateException("Template " + connection.templateId() + " is gone"));
            return new ResolvedConnection(connection, template, connector(connection), storedConfig(connection));
        });
    }

    ConnectorConfig storedConfig(Connection connection) {
        try {
            return catalog.configure(
                    connection.connector(),
                    new ConnectorSettings(
                            (ObjectNode) connection.settings(), storedSecrets(connection), tokenStore(connection)));
        } catch (InvalidSettingsException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The saved settings are no longer valid: "
                            + e.problems().get(0).message() + ".",
                    "Open the connection's setup and correct its details.");
        }
    }

    /** The settings to validate: the form's values, and its secrets over the stored ones. */
    private ConnectorSettings settings(Connection connection, ConnectionDetails details) {
        Map<String, String> secrets = new LinkedHashMap<>(storedSecrets(connection));
        secrets.putAll(nonBlank(details.secrets()));
        ObjectNode values = details.settings().deepCopy();
        spec(connection).settings().stream()
                .filter(ConnectorSpec.SettingSpec::secret)
                .forEach(s -> values.remove(s.key()));
        return new ConnectorSettings(values, secrets, tokenStore(connection));
    }

    /**
     * Where the connection's connector hands tokens it refreshed: sealed into the connection's secrets in a
     * transaction of their own, once the caller's transaction has ended. A row lock the caller holds (activation)
     * then cannot block the write, and a rollback cannot lose a refresh token the provider has already rotated.
     */
    private TokenStore tokenStore(Connection connection) {
        TenantId tenant = connection.tenantId();
        ConnectionId id = connection.id();
        return refreshed -> {
            Runnable store = () -> CurrentTenant.runAs(
                    tenant, () -> ownTransaction.executeWithoutResult(status -> storeTokens(id, refreshed)));
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        store.run();
                    }
                });
            } else {
                store.run();
            }
        };
    }

    /** Replaces the connection's OAuth2 tokens among its sealed secrets; the other secrets and their hints stay. */
    void storeTokens(ConnectionId id, OAuth2Tokens tokens) {
        Connection connection = connections.lock(id).orElseThrow(() -> notFound(id));
        Map<String, String> secrets = new TreeMap<>(storedSecrets(connection));
        secrets.keySet().removeIf(OAuth2Tokens::isTokenKey);
        secrets.putAll(tokens.secrets());
        connections.updateSecretCipher(id, vault.seal(connection.tenantId(), owner(id), write(secrets)));
    }

    private Map<String, String> storedSecrets(Connection connection) {
        byte[] cipher = connections.secretCipher(connection.id());
        if (cipher == null) {
            return Map.of();
        }
        try {
            return json.readValue(
                    vault.open(connection.tenantId(), owner(connection.id()), cipher), new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored secrets of " + connection.id() + " are not JSON");
        }
    }

    private String write(Map<String, String> secrets) {
        try {
            return json.writeValueAsString(new TreeMap<>(secrets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What may be shown of each secret again: its last characters; consented tokens are never hinted. */
    private static Map<String, String> hints(Map<String, String> secrets) {
        Map<String, String> hints = new TreeMap<>();
        secrets.forEach((key, value) -> {
            if (!OAuth2Tokens.isTokenKey(key)) {
                hints.put(key, SecretVault.hint(value));
            }
        });
        return hints;
    }

    private static Map<String, String> nonBlank(Map<String, String> secrets) {
        Map<String, String> result = new LinkedHashMap<>();
        secrets.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                result.put(key, value.trim());
            }
        });
        return result;
    }

    Connector connector(Connection connection) {
        return catalog.connector(connection.connector())
                .orElseThrow(
                        () -> new IllegalStateException("Connector " + connection.connector() + " is not installed"));
    }

    private Connection require(ConnectionId id) {
        return connections.find(id).orElseThrow(() -> notFound(id));
    }

    private static InvalidSetupException notFound(ConnectionId id) {
        return new InvalidSetupException("id", "There is no connection " + id + ".");
    }

    private void publishChange(ConnectionId id, String action, Map<String, String> changes) {
        TenantId tenant = CurrentTenant.require();
        events.publishEvent(new ConnectionChanged(tenant, id, action, Map.copyOf(changes), CurrentTenant.actor()));
    }

    private static String owner(ConnectionId id) {
        return "connection/" + id;
    }

    private static String validName(@Nullable String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.length() < 3 || trimmed.length() > 80) {
            throw new InvalidSetupException("name", "Give the connection a name of 3 to 80 characters.");
        }
        return trimmed;
    }
}
