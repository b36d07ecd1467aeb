package io.patchbay.catalog;

import com.networknt.schema.Schema;
import io.patchbay.catalog.TemplateSource.TemplateDocument;
import io.patchbay.catalog.internal.Certifications;
import io.patchbay.catalog.internal.manifest.ManifestConnectors;
import io.patchbay.catalog.internal.templates.TemplateFiles;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import io.patchbay.mapping.Mappings;
import io.patchbay.schema.JsonSchemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every connector Patchbay runs (Java ones and declarative manifests), what the certification kit proved of each,
 * and the templates built on them. Settings are validated here, against each connector's JSON Schema, before a
 * connector sees them.
 */
@Service
public class ConnectorCatalog {

    /** Control characters but the tab, which no setting needs and a header or URL would read. */
    private static final java.util.regex.Pattern CONTROL =
            java.util.regex.Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");

    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, Schema> settingsSchemas = new LinkedHashMap<>();
    private final Map<String, ObjectNode> settingsMessages = new LinkedHashMap<>();
    /** Each template's versions, oldest first, in the order the gallery shows templates. */
    private final Map<String, List<Template>> templates = new LinkedHashMap<>();

    private final Map<String, ConnectorCertification> certifications = Certifications.shipped();

    ConnectorCatalog(
            ObjectProvider<Connector> javaConnectors,
            ManifestConnectors manifests,
            ObjectProvider<TemplateSource> sources,
            Mappings mappings) {
        Stream.concat(javaConnectors.orderedStream(), manifests.shipped().stream())
                .forEach(connector -> {
                    String reference = connector.spec().reference();
                    if (connectors.putIfAbsent(reference, connector) != null) {
                        throw new IllegalStateException("Two connectors claim " + reference);
                    }
                    ObjectNode schema = connector.spec().configSchema().deepCopy();
                    settingsMessages.put(reference, messages(schema));
                    settingsSchemas.put(reference, JsonSchemas.compile(schema));
                });
        connectors
                .values()
                .forEach(connector -> connector.migration().ifPresent(migration -> {
                    String from = connector.spec().id() + "@" + migration.fromVersion();
                    if (!connectors.containsKey(from)) {
                        throw new IllegalStateException(connector.spec().reference() + " takes connections over from "
                                + from + ", which is not installed");
                    }
                }));
        List<TemplateDocument> documents = new ArrayList<>();
        sources.orderedStream().forEach(source -> documents.addAll(source.templates()));
        for (TemplateDocument document : documents) {
            Template template = TemplateFiles.parse(document);
            new TemplateCheck(this, mappings).check(document.source(), template);
            List<Template> versions = templates.computeIfAbsent(template.id(), id -> new ArrayList<>());
            if (versions.stream().anyMatch(v -> v.version() == template.version())) {
                throw new IllegalStateException("Two templates claim " + template.reference());
            }
            versions.add(template);
            versions.sort(Comparator.comparingInt(Template::version));
        }
    }

    /** The newest version of every shipped template, in the order the gallery shows them; see TemplateLibrary. */
    List<Template> templates() {
        return templates.values().stream().map(List::getLast).toList();
    }

    /** The newest version of a template. */
    Optional<Template> template(String id) {
        return Optional.ofNullable(templates.get(id)).map(List::getLast);
    }

    /** One version of a template. */
    Optional<Template> template(String id, int version) {
        return versions(id).stream().filter(t -> t.version() == version).findFirst();
    }

    /** Every version of a template, oldest first. */
    List<Template> versions(String id) {
        return templates.getOrDefault(id, List.of());
    }

    /**
     * The next version a connection on {@code reference} can be upgraded to, and what changed; empty when it is
     * the newest (or the next one cannot take connections over).
     */
    public Optional<Upgrade> upgradeFor(String reference) {
        Connector current = connectors.get(reference);
        if (current == null) {
            return Optional.empty();
        }
        ConnectorSpec spec = current.spec();
        return connectors.values().stream()
                .filter(c -> c.spec().id().equals(spec.id()))
                .filter(c -> c.migration()
                        .map(m -> m.fromVersion() == spec.version())
                        .orElse(false))
                .findFirst()
                .map(next -> new Upgrade(
                        reference,
                        next.spec().reference(),
                        next.migration().orElseThrow().notes()));
    }

    /** The settings of a connection on {@code upgrade.from()} in the shape {@code upgrade.to()} takes. */
    public ConnectorSettings migrate(Upgrade upgrade, ConnectorSettings previous) {
        return connectors.get(upgrade.to()).migrate(previous);
    }

    /** The connector for a versioned reference such as {@code sandbox-crm@1}. */
    public Optional<Connector> connector(String reference) {
        return Optional.ofNullable(connectors.get(reference));
    }

    /** What the certification kit last proved of a connector; empty when it was never certified. */
    public Optional<ConnectorCertification> certification(String reference) {
        return Optional.ofNullable(certifications.get(reference));
    }

    public List<ConnectorSpec> connectors() {
        return connectors.values().stream()
                .map(Connector::spec)
                .sorted(Comparator.comparing(ConnectorSpec::displayName)
                        .thenComparing(ConnectorSpec::version, Comparator.reverseOrder()))
                .toList();
    }

    /**
     * What is wrong with these settings for that connector, field by field; empty when nothing is. Uses the
     * property's {@code x-message} where the schema gives one, so people read sentences rather than schema terms.
     */
    public List<SettingProblem> problems(String reference, ConnectorSettings settings) {
        Schema schema = settingsSchemas.get(reference);
        if (schema == null) {
            return List.of(new SettingProblem("connector", "There is no connector " + reference + "."));
        }
        ObjectNode messages = settingsMessages.get(reference);
        Map<String, SettingProblem> byField = new LinkedHashMap<>();
        // a line break in a setting would start a new header where a connector sends it as one, for every connector
        settings.merged().properties().forEach(field -> {
            if (field.getValue().isString()
                    && CONTROL.matcher(field.getValue().asString()).find()) {
                byField.put(
                        field.getKey(),
                        new SettingProblem(field.getKey(), "Remove the line breaks and control characters"));
            }
        });
        for (JsonSchemas.Problem problem : JsonSchemas.validate(schema, settings.merged())) {
            String field = problem.field();
            String message = messages.path(field).asString(problem.message());
            byField.putIfAbsent(field, new SettingProblem(field, message));
        }
        return new ArrayList<>(byField.values());
    }

    /**
     * Validates the settings and builds the connector's typed configuration.
     *
     * @throws InvalidSettingsException naming each field that is wrong
     * @throws io.patchbay.catalog.spi.ConnectorException when the connector itself refuses them
     */
    public ConnectorConfig configure(String reference, ConnectorSettings settings) {
        List<SettingProblem> problems = problems(reference, settings);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return connectors.get(reference).configure(settings);
    }

    /**
     * Takes the form annotations ({@code x-message}, {@code x-visible-when}) out of a schema, since the validator does
     * not know them, and keeps the messages.
     */
    private static ObjectNode messages(ObjectNode schema) {
        ObjectNode messages = schema.objectNode();
        schema.path("properties").properties().forEach(field -> {
            JsonNode message = field.getValue().get("x-message");
            if (message != null && field.getValue() instanceof ObjectNode property) {
                messages.set(field.getKey(), message);
                property.remove("x-message");
            }
            if (field.getValue() instanceof ObjectNode property) {
                property.remove("x-visible-when"); // for the form only
            }
        });
        return messages;
    }
}
