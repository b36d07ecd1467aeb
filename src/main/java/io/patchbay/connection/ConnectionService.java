package io.patchbay.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.security.SealedSecret;
import io.patchbay.security.SecretVault;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets up and runs the lifecycle of the current tenant's connections: drafts from templates, details with a tested
 * secret, schedule, activation, pause and resume. Every change is published as an event (audit, scheduling).
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

    ConnectionService(
            ConnectionRepository connections,
            ConnectorCatalog catalog,
            SecretVault vault,
            ApplicationEventPublisher events) {
        this.connections = connections;
        this.catalog = catalog;
        this.vault = vault;
        this.events = events;
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

    /** Saves the details step and moves the draft on to the mapping step. */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection saveDetails(ConnectionId id, ConnectionDetails details) {
        Connection connection = require(id);
        String name = validName(details.name());
        ObjectNode settings = connections.settings(id);
        String baseUrl = validBaseUrl(details.baseUrl());
        settings.put("baseUrl", baseUrl);
        SealedSecret secret = hasText(details.apiKey())
                ? vault.seal(connection.tenantId(), owner(id), details.apiKey().trim())
                : null;
        if (secret == null && connection.secretHint() == null) {
            throw new InvalidSetupException("apiKey", "Enter the API key.");
        }
        var step = connection.setupStep().compareTo(SetupStep.MAPPING) < 0 ? SetupStep.MAPPING : connection.setupStep();
        connections.updateDetails(id, name, settings, secret, connection.isDraft() ? step : connection.setupStep());
        Map<String, String> changes = new LinkedHashMap<>();
        if (!name.equals(connection.name())) changes.put("name", name);
        if (!baseUrl.equals(connection.baseUrl())) changes.put("baseUrl", baseUrl);
        if (secret != null) changes.put("apiKey", secret.hint());
        if (!changes.isEmpty()) publishChange(id, "connection.details_changed", changes);
        return require(id);
    }

    /**
     * Tests details against the external system without saving them. A null or blank key tests the stored one.
     * Never throws for a failure of the external system: the result says what went wrong and how to fix it.
     */
    @Transactional(readOnly = true)
    @PreAuthorize(SETUP)
    public CheckResult testConnection(ConnectionId id, ConnectionDetails details) {
        Connection connection = require(id);
        Connector connector = connector(connection);
        ObjectNode settings = connections.settings(id);
        settings.put(
                "baseUrl", details.baseUrl() == null ? "" : details.baseUrl().trim());
        String secret = hasText(details.apiKey()) ? details.apiKey().trim() : storedSecret(connection);
        try {
            return connector.check(connector.configure(settings, secret));
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
        CheckResult check = testConnection(id, new ConnectionDetails(connection.name(), connection.baseUrl(), null));
        if (!check.success()) {
            throw new InvalidSetupException(
                    "connection",
                    check.summary() + " " + check.failure().map(e -> e.fix()).orElse(""));
        }
        connections.updateState(id, ConnectionState.ACTIVE);
        events.publishEvent(new ConnectionActivated(
                connection.tenantId(), id, connection.scheduleMinutes(), CurrentTenant.actor()));
        return require(id);
    }

    @Transactional
    @PreAuthorize(OPERATE)
    public Connection pause(ConnectionId id) {
        Connection connection = connections.lock(id).orElseThrow(() -> notFound(id));
        if (connection.state() == ConnectionState.ACTIVE) {
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
            connections.updateState(id, ConnectionState.ACTIVE);
            events.publishEvent(new ConnectionResumed(
                    connection.tenantId(), id, connection.scheduleMinutes(), CurrentTenant.actor()));
        }
        return require(id);
    }

    /**
     * Everything a run needs to read the connection, secret decrypted. For the sync runtime only, inside the run's
     * tenant scope; the result must not outlive the run.
     *
     * @throws ConnectorException when the stored settings no longer form a valid configuration
     */
    @Transactional(readOnly = true)
    public Optional<ResolvedConnection> resolve(ConnectionId id) {
        return connections.find(id).map(connection -> {
            Template template = catalog.template(connection.templateId())
                    .orElseThrow(() -> new IllegalStateException("Template " + connection.templateId() + " is gone"));
            Connector connector = connector(connection);
            ConnectorConfig config = connector.configure(connections.settings(id), storedSecret(connection));
            return new ResolvedConnection(connection, template, connector, config);
        });
    }

    private @Nullable String storedSecret(Connection connection) {
        byte[] cipher = connections.secretCipher(connection.id());
        return cipher == null ? null : vault.open(connection.tenantId(), owner(connection.id()), cipher);
    }

    private Connector connector(Connection connection) {
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

    private static String validBaseUrl(@Nullable String baseUrl) {
        if (!ConnectionDetails.isValidBaseUrl(baseUrl)) {
            throw new InvalidSetupException(
                    "baseUrl", "Enter a URL that starts with https:// (or http://) and names a host.");
        }
        return baseUrl.trim();
    }

    private static boolean hasText(@Nullable String text) {
        return text != null && !text.isBlank();
    }
}
