package io.patchbay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.observability.HealthFilter;
import io.patchbay.observability.HealthService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A user of one tenant finds nothing of another's: not its connections, runs, records or audit trail. */
@IntegrationTest
class TenantIsolationIT {

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
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Test
    void anotherTenantsDataIsNotFound() {
        Tenant acme = TenantFixtures.tenantWithAdmin(tenants, encoder, "Owner Inc");
        Tenant globex = TenantFixtures.tenantWithAdmin(tenants, encoder, "Stranger Inc");
        Connection theirs = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, acme.id(), "Owner CRM");
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> Actors.as(
                        acme.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> runs.recentRuns(theirs.id(), 1).stream()
                                .allMatch(run -> run.status().finished())));
        Run theirRun = Actors.as(acme.id(), Role.CUSTOMER_ADMIN, () -> runs.recentRuns(theirs.id(), 1))
                .get(0);
        assertThat(Actors.as(acme.id(), Role.CUSTOMER_ADMIN, () -> runs.linkedRecords(theirs.id())))
                .isPositive();

        Actors.as(globex.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(connections.find(theirs.id())).isEmpty();
            assertThat(connections.list()).isEmpty();
            assertThat(health.page(HealthFilter.ALL, null, 500)).isEmpty();
            assertThat(health.current(theirs.id())).isEmpty();
            assertThat(health.transitions(theirs.id(), 50)).isEmpty();
            assertThat(runs.timeline(theirs.id(), null, 50)).isEmpty();
            assertThat(runs.find(theirRun.id())).isEmpty();
            assertThat(runs.linkedRecords(theirs.id())).isZero();
            assertThat(runs.nextRun(theirs.id())).isEmpty();
            assertThat(audit.entriesFor("connection", theirs.id().toString(), 10))
                    .isEmpty();
            assertThatThrownBy(() -> runs.runNow(theirs.id())).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> lifecycle.pause(theirs.id())).isInstanceOf(InvalidSetupException.class);
            assertThatThrownBy(() -> connections.testConnection(
                            theirs.id(), ConnectionFixtures.sandboxDetails("x", crm.apiUrl(), null)))
                    .isInstanceOf(InvalidSetupException.class);
        });
        assertThat(Actors.as(acme.id(), Role.CUSTOMER_ADMIN, () -> connections.find(theirs.id())))
                .isPresent();
    }
}
