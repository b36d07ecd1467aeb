package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The hub lists connections worst first, so the one that needs someone is at the top, not where its name puts it. */
@IntegrationTest
class HealthOverviewIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    HealthService health;

    @Autowired
    SandboxCrm crm;

    @Test
    void connectionsAreListedWorstFirstThenByName() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Worst First Co");
        var fixtures = new RunFixtures(runs, tenant.id());
        Connection alpha = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Alpha CRM", Map.of(), 1440);
        Connection beta = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Beta CRM", Map.of(), 1440);
        fixtures.awaitNewestFinished(alpha.id());
        fixtures.awaitNewestFinished(beta.id());
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.pause(beta.id()));

        var rows = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> health.overview());

        assertThat(rows)
                .extracting(row ->
                        row.connection().name() + ": " + row.health().status().label())
                .containsExactly("Beta CRM: Paused", "Alpha CRM: Connected");
    }
}
