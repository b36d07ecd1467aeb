package io.patchbay.catalog;

import com.networknt.schema.Schema;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every connector Patchbay runs (Java ones and declarative manifests), what the certification kit proved of each,
 * and the templates built on them. Settings are validated here, against each connector's JSON Schema, before a
 * connector sees them.
 */
@Service
public class ConnectorCatalog {

    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, Schema> settingsSchemas = new LinkedHashMap<>();
    private final Map<String, ObjectNode> settingsMessages = new LinkedHashMap<>();
    private final List<Template> templates;
    private final Map<String, ConnectorCertification> certifications = Certifications.shipped();

    private static final List<FieldMapping> INVOICE_MAPPINGS = List.of(
            new FieldMapping("number", "number", "Invoice number", true),
            new FieldMapping("customer", "customerId", "Customer", true),
            new FieldMapping("amount_cents", "amountCents", "Amount (cents)", true),
            new FieldMapping("currency", "currency", "Currency", true),
            new FieldMapping("status", "status", "Status", true));

    ConnectorCatalog(
            ObjectProvider<Connector> javaConnectors,
            ManifestConnectors manifests,
            ObjectMapper json,
            @Value("${patchbay.sandbox.enabled:false}") boolean sandboxEnabled,
            @Value("${patchbay.sandbox.base-url:http://localhost:8080}") String sandboxBaseUrl) {
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
        List<Template> all = new java.util.ArrayList<>();
        if (sandboxEnabled) {
            all.add(sandboxCrmContacts(json, sandboxBaseUrl));
            all.add(sandboxBillingInvoices(json, sandboxBaseUrl));
            all.add(sandboxBillingInvoiceEvents(json));
            all.add(sandboxCalendarEvents(json, sandboxBaseUrl));
        }
        all.add(databaseTable(json, "postgres-table", "PostgreSQL: a table", "postgres@1", 5432));
        all.add(databaseTable(json, "mariadb-table", "MySQL / MariaDB: a table", "mariadb@1", 3306));
        all.add(csvUpload(json));
        all.add(signedWebhooks(json));
        this.templates = List.copyOf(all);
    }

    public List<Template> templates() {
        return templates;
    }

    public Optional<Template> template(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
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

    /** The client ID and secret are the tenant's own at the sandbox; the setup fills them in from its account. */
    private static Template sandboxBillingInvoices(ObjectMapper json, String sandboxBaseUrl) {
        var settings = json.createObjectNode().put("baseUrl", sandboxBaseUrl + "/sandbox/billing");
        return new Template(
                "sandbox-billing-invoices",
                1,
                "Sandbox Billing: invoices",
                "Brings invoices from the bundled billing system into the core product, signing in with OAuth2 client credentials.",
                "sandbox-billing@1",
                "invoices",
                "invoice",
                settings,
                INVOICE_MAPPINGS,
                30);
    }

    /** The same invoices, pushed: the billing system sends a signed webhook whenever one is issued or changes. */
    private static Template sandboxBillingInvoiceEvents(ObjectMapper json) {
        return new Template(
                "sandbox-billing-invoice-events",
                1,
                "Sandbox Billing: invoice webhooks",
                "Receives the billing system's signed invoice webhooks (Standard Webhooks) and applies each change at "
                        + "once, without polling.",
                "webhook@1",
                "events",
                "invoice",
                webhookDefaults(json),
                INVOICE_MAPPINGS,
                60);
    }

    /** The client ID and secret are the tenant's own at the sandbox; the setup fills them in from its account. */
    private static Template sandboxCalendarEvents(ObjectMapper json, String sandboxBaseUrl) {
        return new Template(
                "sandbox-calendar-events",
                1,
                "Sandbox Calendar: events",
                "Brings the events of a person's calendar into the core product. They connect by signing in to the "
                        + "bundled calendar and allowing access; Patchbay keeps the access fresh from then on.",
                "sandbox-calendar@1",
                "events",
                "event",
                json.createObjectNode().put("baseUrl", sandboxBaseUrl + "/sandbox/calendar"),
                List.of(
                        new FieldMapping("title", "title", "Title", true),
                        new FieldMapping("starts_at", "startsAt", "Starts", true),
                        new FieldMapping("ends_at", "endsAt", "Ends", true),
                        new FieldMapping("location", "location", "Location", false)),
                15);
    }

    private static Template signedWebhooks(ObjectMapper json) {
        return new Template(
                "signed-webhooks",
                1,
                "Signed webhooks from any system",
                "Gives you a URL to point any system's webhooks at. Deliveries are verified (Standard Webhooks or an "
                        + "HMAC header), applied once each, and copied as they are into core records.",
                "webhook@1",
                "events",
                "event",
                webhookDefaults(json),
                List.of(),
                60);
    }

    private static Template csvUpload(ObjectMapper json) {
        return new Template(
                "csv-upload",
                1,
                "CSV file upload",
                "Upload CSV files exported from any system: encoding, delimiter and header row are detected, each "
                        + "row is keyed by a column you name and copied as it is; lines that cannot be used are listed.",
                "csv-upload@1",
                "rows",
                "row",
                json.createObjectNode()
                        .put("keyColumn", "id")
                        .put("headerRow", "auto")
                        .put("delimiter", "auto")
                        .put("encoding", "auto"),
                List.of(),
                60);
    }

    private static ObjectNode webhookDefaults(ObjectMapper json) {
        return json.createObjectNode()
                .put("scheme", "standard-webhooks")
                .put("recordPointer", "/data")
                .put("idField", "id")
                .put("signatureHeader", "X-Signature")
                .put("algorithm", "sha256")
                .put("encoding", "hex");
    }

    private static Template sandboxCrmContacts(ObjectMapper json, String sandboxBaseUrl) {
        var settings = json.createObjectNode().put("apiUrl", sandboxBaseUrl + "/sandbox/crm/v1");
        return new Template(
                "sandbox-crm-contacts",
                1,
                "Sandbox CRM: contacts",
                "Keeps your contacts in step with the bundled Sandbox CRM. Reads only what changed since the last sync.",
                "sandbox-crm@2",
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
