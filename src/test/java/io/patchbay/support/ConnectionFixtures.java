package io.patchbay.support;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Connections set up the way the wizard sets them up. */
public final class ConnectionFixtures {

    /**
     * The sandbox CRM contacts' mapping, fixed for what the quarantine tests spoil: emails like {@code ada(at)example.com}
     * (the sandbox's Spoil emails) and the company the core knows as Acme Retail Group.
     */
    public static final String MAPPING_FIXING_SPOILED_RECORDS = """
            {
              "firstName": .first_name,
              "lastName": .last_name,
              "email": replace(.email, "\\\\(at\\\\)", "@"),
              "company": map-value(.company, {"Acme Retail": "Acme Retail Group"}, .company),
              "phone": .phone
            }""";

    public static final String TEMPLATE = "sandbox-crm-contacts";

    /** How often the connections made here sync: the shortest schedule the wizard offers. */
    public static final int SCHEDULE_MINUTES = 5;

    private ConnectionFixtures() {}

    /** The Sandbox CRM's setup details (connector version 2); a null key keeps the stored one. */
    public static ConnectionDetails sandboxDetails(String name, String apiUrl, String apiKey) {
        return sandboxDetails(name, apiUrl, apiKey, Map.of());
    }

    /** The Sandbox CRM's setup details with more settings than the API URL (e.g. a page size the connector takes). */
    public static ConnectionDetails sandboxDetails(String name, String apiUrl, String apiKey, Map<String, ?> settings) {
        ObjectNode values = JsonNodeFactory.instance.objectNode().put("apiUrl", apiUrl);
        settings.forEach((key, value) -> values.set(key, JsonMapper.shared().valueToTree(value)));
        return new ConnectionDetails(name, values, apiKey == null ? Map.of() : Map.of("apiKey", apiKey));
    }

    /** An active Sandbox CRM connection of the tenant; its first sync is queued. */
    public static Connection activeSandboxCrm(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            SandboxCrm crm,
            TenantId tenant,
            String name) {
        return activeSandboxCrm(connections, lifecycle, crm, tenant, name, Map.of(), SCHEDULE_MINUTES);
    }

    /** An active Sandbox CRM connection with these settings too, syncing every {@code scheduleMinutes}. */
    public static Connection activeSandboxCrm(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            SandboxCrm crm,
            TenantId tenant,
            String name,
            Map<String, ?> settings,
            int scheduleMinutes) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup(TEMPLATE);
            Connection saved = connections.saveDetails(
                    draft.id(), draft.version(), sandboxDetails(name, crm.apiUrl(), crm.apiKey(), settings));
            Connection scheduled = connections.saveSchedule(draft.id(), saved.version(), scheduleMinutes);
            return lifecycle.activate(draft.id(), scheduled.version());
        });
    }
}
