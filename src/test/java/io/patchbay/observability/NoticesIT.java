package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A connection that turns Failing tells its tenant's admins once, however many runs fail after; its recovery tells
 * them again; support sends them the fix (each one sent is stored, in parallel too), and nobody else may.
 */
@IntegrationTest
class NoticesIT {

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
    Notices notices;

    @Autowired
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    Quarantine quarantine;

    @Test
    void aFailingConnectionAlertsOnceAndItsRecoveryOnce() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Alerted Co");
        var fixtures = new RunFixtures(runs, tenant.id());
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Alerting CRM", Map.of(), 1440);
        fixtures.awaitNewestFinished(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
        setKey(tenant, connection, "sbx_wrong_key_0000");
        for (int i = 0; i < 4; i++) {
            fixtures.runNowAndWait(connection.id());
        }
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.FAILING);

        assertThat(admin(tenant, () -> notices.newest(50))).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.ALERT);
            assertThat(notice.title()).isEqualTo("Alerting CRM is Failing");
            assertThat(notice.body()).contains("The API key was rejected.", "Recommended fix:");
            assertThat(notice.connectionId()).isEqualTo(connection.id());
        });

        // one sync after the fix clears the failures, and says so
        setKey(tenant, connection, admin(tenant, crm::apiKey));
        fixtures.runNowAndWait(connection.id());
        assertThat(HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED)
                        .reason())
                .startsWith("The last sync succeeded. The 4 failed syncs before it are cleared.");
        assertThat(admin(tenant, () -> notices.newest(50)))
                .extracting(Notice::kind)
                .containsExactly(Notice.Kind.RECOVERY, Notice.Kind.ALERT);
        assertThat(admin(tenant, () -> notices.unread())).isEqualTo(2);
        Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> notices.seen());
        assertThat(admin(tenant, () -> notices.unread()))
                .as("staff looking do not count")
                .isEqualTo(2);
        admin(tenant, () -> {
            notices.seen();
            return null;
        });
        assertThat(admin(tenant, () -> notices.unread())).isZero();
    }

    @Test
    void aDegradedConnectionThatStopsSyncingAlertsAgainAndStaysDegradedWhileItsQuarantineWaits() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Worsened Co");
        var fixtures = new RunFixtures(runs, tenant.id());
        admin(tenant, () -> crm.spoilEmails(30));
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Worsening CRM", Map.of(), 1440);
        fixtures.awaitNewestFinished(connection.id());
        assertThat(HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.DEGRADED)
                        .reason())
                .isEqualTo(
                        "The last sync quarantined 30 of 300 records (10.0 %), more than the 5 % its template allows;"
                                + " 30 wait in quarantine.");

        setKey(tenant, connection, "sbx_wrong_key_0000");
        fixtures.runNowAndWait(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.FAILING);
        assertThat(admin(tenant, () -> notices.newest(50)))
                .extracting(Notice::title)
                .containsExactly("Worsening CRM is Failing (it was Degraded)", "Worsening CRM is Degraded");

        // the key is fixed: syncing works again, and the records still waiting keep it Degraded, with no new alert
        setKey(tenant, connection, admin(tenant, crm::apiKey));
        fixtures.runNowAndWait(connection.id());
        assertThat(HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.DEGRADED)
                        .reason())
                .startsWith("30 records wait in quarantine");
        assertThat(admin(tenant, () -> notices.newest(50))).hasSize(2);

        admin(tenant, () -> quarantine.discard(QuarantineFilter.of(connection.id()), null, "Test data"));
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
        assertThat(admin(tenant, () -> notices.newest(50)))
                .extracting(Notice::kind)
                .containsExactly(Notice.Kind.RECOVERY, Notice.Kind.ALERT, Notice.Kind.ALERT);
    }

    @Test
    void supportSendsTheFixEachSendStoredOnceAndNobodyElseMay() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Told Co");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Nosy Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Told CRM", Map.of(), 1440);

        int senders = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                int n = i;
                sent.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    Actors.as(
                            tenant.id(),
                            Role.SUPPORT_AGENT,
                            () -> notices.sendFix(connection.id(), "Paste the API key again, please (" + n + ")"));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin(tenant, () -> notices.newest(50)))
                .filteredOn(notice -> notice.kind() == Notice.Kind.FIX)
                .hasSize(senders)
                .allSatisfy(notice -> assertThat(notice.createdBy()).isEqualTo("test-support_agent"));
        assertThat(admin(
                        tenant,
                        () -> audit.entriesFor("connection", connection.id().toString(), 50)))
                .filteredOn(entry -> entry.action().equals("connection.fix_sent"))
                .hasSize(senders);

        assertThatThrownBy(() -> Actors.as(
                        tenant.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> notices.sendFix(connection.id(), "An admin is not support.")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() ->
                        Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> notices.sendFix(connection.id(), "Do it")))
                .hasMessageContaining("at least 10 characters");
        assertThatThrownBy(() -> Actors.as(
                        other.id(),
                        Role.SUPPORT_AGENT,
                        () -> notices.sendFix(connection.id(), "Another tenant's connection.")))
                .hasMessage("There is no such connection.");
        assertThat(admin(other, () -> notices.newest(50))).isEmpty();
    }

    private void setKey(Tenant tenant, Connection connection, String key) {
        Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.saveDetails(
                        connection.id(),
                        connections.find(connection.id()).orElseThrow().version(),
                        ConnectionFixtures.sandboxDetails(connection.name(), crm.apiUrl(), key)));
    }

    private static <T> T admin(Tenant tenant, java.util.function.Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
