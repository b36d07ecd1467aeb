package io.patchbay.connection;

import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.InvalidSettingsException;
import io.patchbay.catalog.SettingProblem;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.connection.internal.ConnectionSecrets;
import io.patchbay.tenancy.CurrentTenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sets up the current tenant's connections: drafts from templates, settings validated against the connector's schema
 * with secrets sealed in the vault, the stream and the schedule. Calls to the external system (Test connection,
 * discovering tables) run with no transaction open; a change is saved only if nobody changed the connection since
 * the caller read it ({@code version}). Every change is published as an event (audit, scheduling).
 */
@Service
public class ConnectionService {

    public static final int MIN_SCHEDULE_MINUTES = 5;
    public static final int MAX_SCHEDULE_MINUTES = 1440;
    static final String SETUP = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";
    static final String OPERATE = "hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";

    private final ConnectionRepository connections;
    private final ConnectionStore store;
    private final ConnectionSecrets secrets;
    private final ConnectorCatalog catalog;
    private final TemplateLibrary library;
    private final Guardrails guardrails;
    private final ApplicationEventPublisher events;

    ConnectionService(
            ConnectionRepository connections,
            ConnectionStore store,
            ConnectionSecrets secrets,
            ConnectorCatalog catalog,
            TemplateLibrary library,
            Guardrails guardrails,
            ApplicationEventPublisher events) {
        this.connections = connections;
        this.store = store;
        this.secrets = secrets;
        this.catalog = catalog;
        this.library = library;
        this.guardrails = guardrails;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<Connection> list() {
        return connections.list();
    }

    /** The tenant's setups in progress, newest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Connection> drafts(int limit) {
        return connections.drafts(limit);
    }

    /** The connection, or empty when it does not exist or belongs to another tenant. */
    @Transactional(readOnly = true)
    public Optional<Connection> find(ConnectionId id) {
        return connections.find(id);
    }

    /** The spec of the connection's connector: its setup form, streams and capabilities. */
    public ConnectorSpec spec(Connection connection) {
        return store.connector(connection).spec();
    }

    /** The template version the connection was made from (or upgraded to). */
    public Optional<Template> template(Connection connection) {
        return library.find(connection.templateId(), connection.templateVersion());
    }

    /** @throws InvalidSetupException when the connection's template version is no longer installed */
    Template requireTemplate(Connection connection) {
        return template(connection)
                .orElseThrow(() -> new InvalidSetupException("template", "The connection's template is gone."));
    }

    /**
     * Adds each setting whose value changes to an audit entry's changes, with {@code <key>.before}: the one way
     * settings are audited, so every change reads alike.
     */
    static void settingChanges(JsonNode before, ObjectNode after, Map<String, String> changes) {
        after.properties().forEach(field -> {
            JsonNode was = before.get(field.getKey());
            if (!field.getValue().equals(was)) {
                changes.put(field.getKey(), field.getValue().asString());
                changes.put(field.getKey() + ".before", was == null ? "" : was.asString());
            }
        });
    }

    /** Starts a setup from a template: a draft with the template's defaults, kept until it is activated. */
    @Transactional
    @PreAuthorize(SETUP)
    public Connection startSetup(String templateId) {
        // only what the tenant is offered: a template published to other tenants, or retired, is not there for it
        Template template = library.offered(templateId)
                .orElseThrow(() -> new InvalidSetupException("template", "There is no template '" + templateId + "'."));
        return startSetup(template);
    }

    /** A draft from one version of a template (an imported connection names the version it was made from). */
    @Transactional
    @PreAuthorize(SETUP)
    Connection startSetup(Template template) {
        var id = ConnectionId.random();
        connections.insert(
                id,
                template.name(),
                template.id(),
                template.version(),
                template.connector(),
                template.defaultSettings().deepCopy(),
                template.defaultScheduleMinutes(),
                CurrentTenant.actor());
        publishChange(id, "connection.created", Map.of("template", template.reference(), "name", template.name()));
        return store.current(id);
    }

    /**
     * What is wrong with these details, field by field (empty when nothing is); for forms that validate as the
     * user types. Secrets left blank count as the stored ones.
     */
    public List<SettingProblem> problems(ConnectionId id, ConnectionDetails details) {
        ConnectionStore.Stored stored = store.read(id);
        return catalog.problems(stored.connection().connector(), settings(stored, details));
    }

    /**
     * Saves the details step (name, settings, secrets) and moves a draft on to the mapping step.
     *
     * @param version the version of the connection the details were entered on
     * @throws InvalidSetupException naming the first field that is wrong
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(SETUP)
    public Connection saveDetails(ConnectionId id, int version, ConnectionDetails details) {
        ConnectionStore.Stored stored = store.read(id);
        Connection connection = stored.connection();
        String name = validName(details.name());
        ConnectorSettings settings = settings(stored, details);
        template(connection).ifPresent(template -> refuseLockedChanges(template, settings.values()));
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
        return store.write(id, version, current -> {
            if (!current.isDraft()) {
                guardrails.requireMet(
                        guardrails.violations(current, settings.values(), current.scheduleMinutes(), current.mapping()),
                        id);
            }
            // read again under the lock: a token refreshed meanwhile must not be overwritten by the one read before
            Map<String, String> all = new LinkedHashMap<>(secrets.stored(current));
            all.putAll(newSecrets);
            byte[] sealed = newSecrets.isEmpty() ? null : secrets.seal(current.tenantId(), id, all);
            Map<String, String> hints = ConnectionSecrets.hints(all);
            SetupStep step =
                    current.setupStep().compareTo(SetupStep.MAPPING) < 0 ? SetupStep.MAPPING : current.setupStep();
            connections.updateDetails(
                    id, name, settings.values(), sealed, hints, current.isDraft() ? step : current.setupStep());
            Map<String, String> changes = new LinkedHashMap<>();
            if (!name.equals(current.name())) {
                changes.put("name", name);
                changes.put("name.before", current.name());
            }
            settingChanges(current.settings(), settings.values(), changes);
            newSecrets.keySet().forEach(key -> {
                changes.put(key, hints.get(key));
                changes.put(key + ".before", current.secretHints().getOrDefault(key, ""));
            });
            if (!changes.isEmpty()) {
                publishChange(id, "connection.details_changed", changes);
            }
            return store.current(id);
        });
    }

    /**
     * Tests details against the external system without saving them; secrets left blank test the stored ones.
     * Never throws for a failure of the external system or of the settings: the result says what went wrong and
     * how to fix it.
     */
    @PreAuthorize(SETUP)
    public CheckResult testConnection(ConnectionId id, ConnectionDetails details) {
        ConnectionStore.Stored stored = store.read(id);
        try {
            ConnectorConfig config = catalog.configure(stored.connection().connector(), settings(stored, details));
            return store.connector(stored.connection()).check(config);
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
        Connection connection = store.current(id);
        if (connection.isDraft()) {
            connections.updateStep(id, step);
        }
        return store.current(id);
    }

    /**
     * The streams the connection's settings reach, for templates that leave the choice to the admin.
     *
     * @throws ConnectorException when the system cannot be asked (classified, with a fix)
     */
    @PreAuthorize(SETUP)
    public List<ConnectorSpec.StreamSpec> streams(ConnectionId id) {
        ConnectionStore.Stored stored = store.read(id);
        return store.connector(stored.connection()).discover(store.configure(stored));
    }

    /**
     * Chooses the stream to sync, one of {@link #streams}.
     *
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(SETUP)
    public Connection chooseStream(ConnectionId id, int version, String stream) {
        boolean known = streams(id).stream().anyMatch(s -> s.name().equals(stream));
        if (!known) {
            throw new InvalidSetupException("stream", "Choose one of the tables the connection can read.");
        }
        return store.write(id, version, current -> {
            connections.updateStream(id, stream);
            publishChange(id, "connection.stream_chosen", Map.of("stream", stream));
            return store.current(id);
        });
    }

    /** @throws StaleConnectionException when someone changed the connection since {@code version} */
    @PreAuthorize(SETUP)
    public Connection saveSchedule(ConnectionId id, int version, int minutes) {
        if (minutes < MIN_SCHEDULE_MINUTES || minutes > MAX_SCHEDULE_MINUTES) {
            throw new InvalidSetupException(
                    "scheduleMinutes",
                    "Choose between " + MIN_SCHEDULE_MINUTES + " and " + MAX_SCHEDULE_MINUTES + " minutes.");
        }
        return store.write(id, version, current -> {
            if (!current.isDraft()) {
                guardrails.requireMet(
                        guardrails.violations(current, current.settings(), minutes, current.mapping()), id);
            }
            if (minutes != current.scheduleMinutes()) {
                connections.updateSchedule(id, minutes);
                publishChange(
                        id,
                        "connection.schedule_changed",
                        Map.of(
                                "scheduleMinutes",
                                String.valueOf(minutes),
                                "scheduleMinutes.before",
                                String.valueOf(current.scheduleMinutes())));
            }
            return store.current(id);
        });
    }

    /** A guardrail: a setting the template locks keeps the template's value. */
    private static void refuseLockedChanges(Template template, ObjectNode values) {
        for (String key : template.locked()) {
            if (!template.defaultSettings().path(key).equals(values.path(key))) {
                throw new InvalidSetupException(
                        key,
                        "This setting is locked by the template " + template.name() + " (v" + template.version()
                                + "): it stays "
                                + template.defaultSettings().path(key).asString()
                                + ". Ask your solutions engineer if it must change.");
            }
        }
    }

    /** The settings to validate: the form's values, and its secrets over the stored ones. */
    private ConnectorSettings settings(ConnectionStore.Stored stored, ConnectionDetails details) {
        Map<String, String> all = new LinkedHashMap<>(stored.secrets());
        all.putAll(nonBlank(details.secrets()));
        ObjectNode values = details.settings().deepCopy();
        spec(stored.connection()).settings().stream()
                .filter(ConnectorSpec.SettingSpec::secret)
                .forEach(s -> values.remove(s.key()));
        return store.settings(stored, values, all);
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

    void publishChange(ConnectionId id, String action, Map<String, String> changes) {
        events.publishEvent(
                new ConnectionChanged(CurrentTenant.require(), id, action, Map.copyOf(changes), CurrentTenant.actor()));
    }

    static String validName(@Nullable String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.length() < 3 || trimmed.length() > 80) {
            throw new InvalidSetupException("name", "Give the connection a name of 3 to 80 characters.");
        }
        return trimmed;
    }
}
