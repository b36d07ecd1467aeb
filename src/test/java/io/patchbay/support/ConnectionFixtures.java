package io.patchbay.support;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;

/** Connections set up the way the wizard sets them up. */
public final class ConnectionFixtures {

    public static final String TEMPLATE = "sandbox-crm-contacts";

    private ConnectionFixtures() {}

    /** An active Sandbox CRM connection of the tenant; its first sync is queued. */
    public static Connection activeSandboxCrm(
            ConnectionService connections, SandboxCrm crm, TenantId tenant, String name) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup(TEMPLATE);
            connections.saveDetails(draft.id(), new ConnectionDetails(name, crm.baseUrl(), crm.apiKey()));
            connections.saveSchedule(draft.id(), 5);
            return connections.activate(draft.id());
        });
    }
}
