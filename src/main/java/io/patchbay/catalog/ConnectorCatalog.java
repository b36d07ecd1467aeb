package io.patchbay.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.patchbay.catalog.internal.Certifications;
import io.patchbay.catalog.internal.JsonSchemas;
import io.patchbay.catalog.internal.manifest.ManifestConnectors;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Every connector Patchbay runs (Java ones and declarative manifests), what the certification kit proved of each,
 * and the templates built on them. Settings are validated here, against each connector's JSON Schema, before a
 * connector sees them.
 */
@Service
public class ConnectorCatalog {

    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, JsonSchema> settingsSchemas = new LinkedHashMap<>();
    private final Map<String, ObjectNode> settingsMessages = new LinkedHashMap<>();
    private final List<Template> templates;
    private final Map<String, ConnectorCertification> certifications = Certifications.shipped();

    ConnectorCatalog(
            ObjectProvider<Connector> javaConnectors,
            ManifestConnectors manifests,
            ObjectMapper json,
            @Value("${patchbay.sandbox.enabled:false}") boolean sandboxEnabled,
            @Value("${patchbay.sandbox.base-url:http://localhost:8080}") String sandboxBaseUrl,
            @Value("${patchbay.sandbox.billing.client-id:sbx_billing_demo}") String sandboxBillingClient) {
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
        List<Template> all = new java.util.ArrayList<>();
        if (sandboxEnabled) {
            all.add(sandboxCrmContacts(json, sandboxBaseUrl));
            all.add(sandboxBillingInvoices(json, sandboxBaseUrl, sandboxBillingClient));
        }
        all.add(databaseTable(json, "postgres-table", "PostgreSQL: a table", "postgres@1", 5432));
        all.add(databaseTable(json, "mariadb-table", "MySQL / MariaDB: a table", "mariadb@1", 3306));
        this.templates = List.copyOf(all);
    }

    public List<Template> templates() {
        return templates;
    }

    public Optional<Template> template(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
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
                .sorted(Comparator.comparing(ConnectorSpec::displayName))
                .toList();
    }

    /**
     * What is wrong with these settings for that connector, field by field; empty when nothing is. Uses the
     * property's {@code x-message} where the schema gives one, so people read sentences rather than schema terms.
     */
    public List<SettingProblem> problems(String reference, ConnectorSettings settings) {
        JsonSchema schema = settingsSchemas.get(reference);
        if (schema == null) {
            return List.of(new SettingProblem("connector", "There is no connector " + reference + "."));
        }
        ObjectNode messages = settingsMessages.get(reference);
        Map<String, SettingProblem> byField = new LinkedHashMap<>();
        for (JsonSchemas.Problem problem : JsonSchemas.validate(schema, settings.merged())) {
            String field = problem.field();
            String message = messages.path(field).asText(problem.message());
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

    /** Takes the {@code x-message} annotations out of a schema (the validator does not know them) and keeps them. */
    private static ObjectNode messages(ObjectNode schema) {
        ObjectNode messages = schema.objectNode();
        schema.path("properties").fields().forEachRemaining(field -> {
            JsonNode message = field.getValue().get("x-message");
            if (message != null && field.getValue() instanceof ObjectNode property) {
                messages.set(field.getKey(), message);
                property.remove("x-message");
            }
        });
        return messages;
    }

    private static Template databaseTable(ObjectMapper json, String id, String name, String connector, int port) {
        return new Template(
                id,
                1,
                name,
                "Copies one table into the core product, every column as it is: incrementally where the table has an "
                        + "updated_at column, in full otherwise. You choose the table after testing the connection.",
                connector,
                null,
                null,
                json.createObjectNode().put("port", port),
                List.of(),
                60);
    }

    private static Template sandboxBillingInvoices(ObjectMapper json, String sandboxBaseUrl, String clientId) {
        var settings = json.createObjectNode()
                .put("baseUrl", sandboxBaseUrl + "/sandbox/billing")
                .put("clientId", clientId);
        return new Template(
                "sandbox-billing-invoices",
                1,
                "Sandbox Billing: invoices",
                "Brings invoices from the bundled billing system into the core product, signing in with OAuth2 client credentials.",
                "sandbox-billing@1",
                "invoices",
                "invoice",
                settings,
                List.of(
                        new FieldMapping("number", "number", "Invoice number", true),
                        new FieldMapping("customer", "customerId", "Customer", true),
                        new FieldMapping("amount_cents", "amountCents", "Amount (cents)", true),
                        new FieldMapping("currency", "currency", "Currency", true),
                        new FieldMapping("status", "status", "Status", true)),
                30);
    }

    private static Template sandboxCrmContacts(ObjectMapper json, String sandboxBaseUrl) {
        var settings = json.createObjectNode().put("baseUrl", sandboxBaseUrl + "/sandbox/crm");
        return new Template(
                "sandbox-crm-contacts",
                1,
                "Sandbox CRM: contacts",
                "Keeps your contacts in step with the bundled Sandbox CRM. Reads only what changed since the last sync.",
                "sandbox-crm@1",
                "contacts",
                "contact",
                settings,
                List.of(
                        new FieldMapping("first_name", "firstName", "First name", true),
                        new FieldMapping("last_name", "lastName", "Last name", true),
                        new FieldMapping("email", "email", "Email", true),
                        new FieldMapping("company", "company", "Company", false),
                        new FieldMapping("phone", "phone", "Phone", false)),
                15);
    }
}
