package io.patchbay.connection;

import io.patchbay.base.YamlLines;
import io.patchbay.catalog.ConnectorCatalog;
import io.patchbay.catalog.SettingProblem;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.connection.internal.ConnectionDocument;
import io.patchbay.mapping.InvalidMappingException;
import io.patchbay.mapping.Mappings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * Configuration as code: a connection's whole configuration exported as YAML (secrets named, never included), and
 * such a document imported as a new setup, its secrets asked for. An import is checked whole before anything is made
 * (format, keys, template version, connector, settings, schedule, mapping), each refusal naming its line; what it makes
 * is a draft, tested and activated like any other.
 */
@Service
public class ConnectionExports {

    private final ConnectionService setup;
    private final ConnectionMappings mappings;
    private final ConnectionChanges changes;
    private final ConnectionStore store;
    private final ConnectorCatalog catalog;
    private final TemplateLibrary library;
    private final Mappings compiler;

    ConnectionExports(
            ConnectionService setup,
            ConnectionMappings mappings,
            ConnectionChanges changes,
            ConnectionStore store,
            ConnectorCatalog catalog,
            TemplateLibrary library,
            Mappings compiler) {
        this.setup = setup;
        this.mappings = mappings;
        this.changes = changes;
        this.store = store;
        this.catalog = catalog;
        this.library = library;
        this.compiler = compiler;
    }

    /** The connection as a YAML document; secrets appear by name only. */
    @PreAuthorize(ConnectionService.SETUP)
    public String export(ConnectionId id) {
        Connection connection = store.read(id).connection();
        Template template = setup.requireTemplate(connection);
        ConnectorSpec spec = setup.spec(connection);
        return new ConnectionDocument(
                        connection.name(),
                        template.reference(),
                        connection.connector(),
                        (ObjectNode) connection.settings(),
                        spec.settings().stream()
                                .filter(ConnectorSpec.SettingSpec::secret)
                                .map(ConnectorSpec.SettingSpec::key)
                                .toList(),
                        connection.scheduleMinutes(),
                        template.stream() == null ? connection.stream() : null,
                        connection.mapping())
                .render();
    }

    /**
     * The secrets a document's connector needs, to ask for before importing it.
     *
     * @throws InvalidSetupException {@code yaml} naming the line of what is wrong with the document
     */
    public List<ConnectorSpec.SettingSpec> secretsFor(String yaml) {
        ConnectionDocument document = read(yaml);
        return catalog.connector(document.connector())
                .map(connector -> connector.spec().settings().stream()
                        .filter(ConnectorSpec.SettingSpec::secret)
                        .toList())
                .orElse(List.of());
    }

    /**
     * A new setup from a document, with these secrets: checked whole first, then made as a draft ready for Test
     * connection and Activate. If making it fails half-way, the draft is discarded.
     *
     * @throws InvalidSetupException {@code yaml} naming the line of the first problem, or {@code secrets.<key>}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection importYaml(String yaml, Map<String, String> secrets) {
        ConnectionDocument document = read(yaml);
        Template template = template(yaml, document);
        ConnectorSpec spec =
                catalog.connector(document.connector()).orElseThrow().spec();
        Map<String, String> given = new LinkedHashMap<>();
        for (ConnectorSpec.SettingSpec secret : spec.settings().stream()
                .filter(ConnectorSpec.SettingSpec::secret)
                .toList()) {
            String value = secrets.getOrDefault(secret.key(), "").strip();
            if (value.isEmpty() && secret.required()) {
                throw new InvalidSetupException("secrets." + secret.key(), "Enter the " + secret.label() + ".");
            }
            if (!value.isEmpty()) {
                given.put(secret.key(), value);
            }
        }
        check(yaml, document, template, given);
        Connection draft = setup.startSetup(template);
        try {
            Connection saved = setup.saveDetails(
                    draft.id(), draft.version(), new ConnectionDetails(document.name(), document.settings(), given));
            saved = setup.saveSchedule(draft.id(), saved.version(), document.scheduleMinutes());
            if (document.stream() != null && template.stream() == null) {
                saved = setup.chooseStream(draft.id(), saved.version(), document.stream());
            }
            if (document.mapping() != null) {
                saved = mappings.save(draft.id(), saved.version(), document.mapping(), List.of());
            }
            return setup.goToStep(saved.id(), SetupStep.SCHEDULE);
        } catch (RuntimeException e) {
            changes.discard(draft.id(), store.read(draft.id()).connection().version());
            throw e;
        }
    }

    private static ConnectionDocument read(String yaml) {
        try {
            return ConnectionDocument.parse(yaml);
        } catch (ConnectionDocument.Invalid e) {
            throw new InvalidSetupException("yaml", e.getMessage());
        }
    }

    private Template template(String yaml, ConnectionDocument document) {
        int at = document.template().lastIndexOf('@');
        Template template = null;
        if (at > 0) {
            try {
                template = library.find(
                                document.template().substring(0, at),
                                Integer.parseInt(document.template().substring(at + 1)))
                        .orElse(null);
            } catch (NumberFormatException e) {
                template = null;
            }
        }
        if (template == null) {
            throw refused(yaml, "template", "there is no template " + document.template() + " (write id@version)");
        }
        if (!template.connector().equals(document.connector())) {
            throw refused(
                    yaml,
                    "connector",
                    template.reference() + " uses " + template.connector() + ", not " + document.connector());
        }
        return template;
    }

    /** Everything an import can be refused for, before anything is made. */
    private void check(String yaml, ConnectionDocument document, Template template, Map<String, String> secrets) {
        List<SettingProblem> problems =
                catalog.problems(document.connector(), new ConnectorSettings(document.settings(), secrets));
        if (!problems.isEmpty()) {
            SettingProblem first = problems.getFirst();
            throw refused(yaml, "settings." + first.field(), first.field() + ": " + first.message());
        }
        for (String key : template.locked()) {
            if (!template.defaultSettings().path(key).equals(document.settings().path(key))) {
                throw refused(
                        yaml,
                        "settings." + key,
                        key + " is locked by " + template.reference() + " at "
                                + template.defaultSettings().path(key).asString());
            }
        }
        int minutes = document.scheduleMinutes();
        if (minutes < ConnectionService.MIN_SCHEDULE_MINUTES || minutes > ConnectionService.MAX_SCHEDULE_MINUTES) {
            throw refused(
                    yaml,
                    "schedule.minutes",
                    "choose between " + ConnectionService.MIN_SCHEDULE_MINUTES + " and "
                            + ConnectionService.MAX_SCHEDULE_MINUTES + " minutes");
        }
        if (document.stream() != null
                && template.stream() != null
                && !template.stream().equals(document.stream())) {
            throw refused(yaml, "stream", template.reference() + " reads " + template.stream());
        }
        if (document.mapping() != null) {
            String entity = template.entityFor(document.stream());
            try {
                compiler.compile(entity, document.mapping());
            } catch (InvalidMappingException e) {
                int line = YamlLines.lineOf(yaml, "mapping");
                throw new InvalidSetupException(
                        "yaml",
                        "Line " + (line + Math.max(1, e.line())) + ": the mapping does not compile: " + e.reason());
            }
        }
    }

    private static InvalidSetupException refused(String yaml, String path, String reason) {
        int line = YamlLines.lineOfPath(yaml, path);
        return new InvalidSetupException("yaml", (line > 0 ? "Line " + line + ": " : "") + reason + ".");
    }
}
