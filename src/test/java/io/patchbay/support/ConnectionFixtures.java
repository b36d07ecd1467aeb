package io.patchbay.support;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;

/** Connections set up the way the wizard sets them up. */
public final class ConnectionFixtures {

    public static final String TEMPLATE = "sandbox-crm-contacts";

    private ConnectionFixtures() {}

    /** The Sandbox CRM's setup details (connector version 2); a null key keeps the stored one. */
    public static ConnectionDetails sandboxDetails(String name, String apiUrl, String apiKey) {
        return new ConnectionDetails(
                name,
                JsonNodeFactory.instance.objectNode().put("apiUrl", apiUrl),
                apiKey == null ? Map.of() : Map.of("apiKey", apiKey));
    }

    /** An active Sandbox CRM connection of the tenant; its first sync is queued. */
    public static Connection activeSandboxCrm(
            ConnectionService connections,
            ConnectionLifecycle lifecycle,
            SandboxCrm crm,
            TenantId tenant,
            String name) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup(TEMPLATE);
            Connection saved = connections.saveDetails(
                    draft.id(), draft.version(), sandboxDetails(name, crm.apiUrl(), crm.apiKey()));
            Connection scheduled = connections.saveSchedule(draft.id(), saved.version(), 5);
            return lifecycle.activate(draft.id(), scheduled.version());
        });
    }
}
