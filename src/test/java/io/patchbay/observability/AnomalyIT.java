package io.patchbay.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionChanges;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A connection whose syncs read a steady number of changes and then none is flagged (Degraded, with the baseline in
 * the reason, one alert), recovers when volume comes back, and is paused automatically where its admins asked.
 */
@IntegrationTest
class AnomalyIT {

    private static final int STEADY = 25;

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionChanges changes;

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

    @Test
    void aDropToZeroIsReportedOnceAndClearsWhenVolumeComesBack() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Steady Co");
        Connection connection = steadyConnection(tenant, "Steady CRM");
        var fixtures = new RunFixtures(runs, tenant.id());

        fixtures.runNowAndWait(connection.id());
        Health flagged = HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.DEGRADED);
        // the baseline holds the first, full sync too
        assertThat(flagged.reason())
                .isEqualTo("Record volume dropped to zero: the last sync read no records; the 6 before it read "
                        + STEADY + " to 300 (71 on average).");
        assertThat(admin(tenant, () -> notices.newest(10))).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.ALERT);
            assertThat(notice.title()).isEqualTo("Steady CRM is Degraded");
            assertThat(notice.body()).contains("Record volume dropped to zero");
        });

        admin(tenant, () -> crm.changeContacts(STEADY));
        fixtures.runNowAndWait(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
        assertThat(admin(tenant, () -> notices.newest(10)))
                .extracting(Notice::kind)
                .containsExactly(Notice.Kind.RECOVERY, Notice.Kind.ALERT);
        assertThat(admin(
                        tenant,
                        () -> connections.find(connection.id()).orElseThrow().state()))
                .as("reported only: its admins did not ask for a pause")
                .isEqualTo(ConnectionState.ACTIVE);
    }

    @Test
    void aConnectionWhoseAdminsAskedIsPausedOnItsAnomalyAndTheyAreTold() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Careful Co");
        Connection connection = steadyConnection(tenant, "Careful CRM");
        admin(
                tenant,
                () -> changes.pauseOnAnomaly(
                        connection.id(),
                        connections.find(connection.id()).orElseThrow().version(),
                        true));
        assertThat(admin(
                        tenant,
                        () -> audit.entriesFor("connection", connection.id().toString(), 5)))
                .first()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("connection.anomaly_pause_changed");
                    assertThat(entry.details()).containsEntry("pauseOnAnomaly", "on");
                });

        new RunFixtures(runs, tenant.id()).runNowAndWait(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.PAUSED);
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(admin(tenant, () -> notices.newest(10)))
                        .extracting(Notice::title)
                        .containsExactly("Careful CRM was paused automatically", "Careful CRM is Degraded"));
        assertThat(admin(tenant, () -> health.transitions(connection.id(), 1)))
                .singleElement()
                .satisfies(transition -> assertThat(transition.cause()).isEqualTo("Patchbay paused the connection"));
    }

    /** An active connection whose five syncs after the first each read {@value #STEADY} changed contacts. */
    private Connection steadyConnection(Tenant tenant, String name) {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), name, Map.of(), 1440);
        var fixtures = new RunFixtures(runs, tenant.id());
        fixtures.awaitNewestFinished(connection.id());
        for (int i = 0; i < 5; i++) {
            admin(tenant, () -> crm.changeContacts(STEADY));
            assertThat(fixtures.runNowAndWait(connection.id()).recordsRead()).isEqualTo(STEADY);
        }
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
        return connection;
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
