package io.patchbay.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Every connector Patchbay ships and the templates built on them. */
@Service
public class ConnectorCatalog {

    private final Map<String, Connector> connectors;
    private final List<Template> templates;

    ConnectorCatalog(
            List<Connector> connectors,
            ObjectMapper json,
            @Value("${patchbay.sandbox.enabled:false}") boolean sandboxEnabled,
            @Value("${patchbay.sandbox.base-url:http://localhost:8080}") String sandboxBaseUrl) {
        this.connectors = connectors.stream()
                .collect(Collectors.toUnmodifiableMap(c -> c.spec().reference(), Function.identity()));
        this.templates = sandboxEnabled ? List.of(sandboxCrmContacts(json, sandboxBaseUrl)) : List.of();
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

    public List<ConnectorSpec> connectors() {
        return connectors.values().stream()
                .map(Connector::spec)
                .sorted(Comparator.comparing(ConnectorSpec::displayName))
                .toList();
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
