package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateChange;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.tenancy.StaffAccess;
import io.patchbay.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connections and the templates they come from: a solutions engineer saves a working connection as a template and
 * applies a template to a customer's tenant; a connection made from an older template version is upgraded to a newer
 * one, tested first and changed only if the test passes.
 */
@Service
public class ConnectionTemplates {

    static final String ENGINEER = "hasRole('SOLUTIONS_ENGINEER')";

    private final ConnectionService setup;
    private final ConnectionRepository connections;
    private final ConnectionStore store;
    private final TemplateLibrary library;
    private final StaffAccess staff;

    ConnectionTemplates(
            ConnectionService setup,
            ConnectionRepository connections,
            ConnectionStore store,
            TemplateLibrary library,
            StaffAccess staff) {
        this.setup = setup;
        this.connections = connections;
        this.store = store;
        this.library = library;
        this.staff = staff;
    }

    /**
     * A new template whose first draft is this connection's configuration: connector, settings (never secrets), the
     * settings its template locked, stream, mapping and schedule; its description says where it starts from, never the
     * connection's or the customer's name.
     *
     * @throws io.patchbay.catalog.InvalidTemplateException when the id is taken or malformed
     */
    @PreAuthorize(ENGINEER)
    public TemplateDraft saveAsTemplate(ConnectionId id, String templateId, String name) {
        Connection connection = store.read(id).connection();
        Template from = setup.requireTemplate(connection);
        Template start = new Template(
                templateId.strip(),
                1,
                name.strip(),
                // neutral words: the customer's names stay in the customer's tenant; the engineer writes the rest
                "Starts from " + from.name() + " with the settings, mapping and schedule of a working connection.",
                "",
                connection.connector(),
                from.streamFor(connection.stream()),
                from.direction(),
                from.entity(),
                // its own mapping where it has one: what works is what the template should carry
                connection.mappingOr(from),
                (ObjectNode) connection.settings(),
                from.locked(),
                from.guardrails(),
                from.validation(),
                from.identity(),
                connection.scheduleMinutes());
        return library.create(start);
    }

    /**
     * Applies a template to a customer's tenant: the engineer works in that tenant from now on (with the reason,
     * audited there) and a draft connection is made there with the template's parameters, for its admin to complete.
     */
    @PreAuthorize(ENGINEER)
    public Connection apply(String templateId, TenantId tenant, String reason) {
        if (library.offered(templateId, tenant).isEmpty()) {
            throw new IllegalArgumentException("This template is not offered to that tenant: publish a version to it"
                    + " (or to every tenant) first.");
        }
        staff.workIn(tenant, reason);
        return setup.startSetup(templateId);
    }

    /** A newer version of the connection's template, with what changes; empty when it is on the newest. */
    public Optional<TemplateUpgrade> availableUpgrade(Connection connection) {
        Optional<Template> current = setup.template(connection);
        Optional<Template> newest = library.latest(connection.templateId());
        if (current.isEmpty() || newest.isEmpty() || newest.get().version() <= connection.templateVersion()) {
            return Optional.empty();
        }
        return Optional.of(new TemplateUpgrade(current.get(), newest.get(), library.diff(current.get(), newest.get())));
    }

    /**
     * Moves the connection to the newest version of its template: the settings that version locks take its values,
     * settings it adds take its defaults, the customer's own choices stay; the mapping and stream are the new
     * version's. The result is tested first (unless it is a draft): if the test fails, nothing changes.
     *
     * @throws InvalidSetupException when there is nothing to upgrade to, the new version needs another connector, or
     *     the test fails (with its fix)
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection upgrade(ConnectionId id, int version) {
        Connection connection = store.read(id).connection();
        if (connection.version() != version) {
            throw new StaleConnectionException();
        }
        TemplateUpgrade upgrade = availableUpgrade(connection)
                .orElseThrow(() -> new InvalidSetupException(
                        "template", "The connection is on its template's newest " + "version."));
        Template to = upgrade.to();
        if (!to.connector().equals(connection.connector())) {
            throw new InvalidSetupException(
                    "template",
                    "Version " + to.version() + " of the template uses " + to.connector() + " and this connection "
                            + connection.connector() + ": upgrade the connector first. Nothing was changed.");
        }
        ObjectNode settings = ((ObjectNode) connection.settings()).deepCopy();
        to.defaultSettings().properties().forEach(field -> {
            if (to.isLocked(field.getKey()) || !settings.has(field.getKey())) {
                settings.set(field.getKey(), field.getValue());
            }
        });
        if (!connection.isDraft()) {
            CheckResult check = setup.testConnection(id, new ConnectionDetails(connection.name(), settings, Map.of()));
            if (!check.success()) {
                String fix = check.error() == null ? "" : " " + check.error().fix();
                throw new InvalidSetupException(
                        "connection",
                        "With version " + to.version() + " of the template Test connection fails: " + check.summary()
                                + fix + " Nothing was changed.");
            }
        }
        return store.write(id, version, current -> {
            connections.updateTemplate(id, to.version(), settings);
            Map<String, String> changes = new LinkedHashMap<>();
            changes.put("template", to.reference());
            changes.put("template.before", upgrade.from().reference());
            ConnectionService.settingChanges(current.settings(), settings, changes);
            setup.publishChange(id, "connection.template_upgraded", changes);
            return store.current(id);
        });
    }

    /** A newer template version a connection can move to, and what changes. */
    public record TemplateUpgrade(Template from, Template to, List<TemplateChange> changes) {}
}
