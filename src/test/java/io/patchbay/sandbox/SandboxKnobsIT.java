package io.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentService;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.ConsentFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The knobs on Sandbox systems turn one organisation's account only: throttling its API, changing its contacts,
 * ending its access tokens and revoking its consents leave another organisation's connections syncing as before.
 */
@IntegrationTest
class SandboxKnobsIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    ConsentService consents;

    @Autowired
    RunService runs;

    @Autowired
    SandboxCrm crm;

    @Autowired
    SandboxCalendar calendar;

    @Test
    void throttlingChangingExpiringAndRevokingInOneOrganisationLeavesAnothersConnectionsSyncing() {
        Tenant knobs = TenantFixtures.tenantWithAdmin(tenants, encoder, "Knob Turner");
        Tenant bystander = TenantFixtures.tenantWithAdmin(tenants, encoder, "Bystander");
        Connection knobsCrm = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, knobs.id(), "Knob CRM");
        Connection knobsCalendar = activeCalendar(knobs, "Knob calendar");
        Connection bystanderCrm =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, bystander.id(), "Their CRM");
        Connection bystanderCalendar = activeCalendar(bystander, "Their calendar");
        for (var connection : new Connection[] {knobsCrm, knobsCalendar, bystanderCrm, bystanderCalendar}) {
            Tenant tenant = connection == knobsCrm || connection == knobsCalendar ? knobs : bystander;
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> admin(tenant, () -> runs.recentRuns(connection.id(), 1))
                            .get(0)
                            .status()
                            .finished());
        }

        admin(knobs, () -> crm.setRateLimit(1, Duration.ofSeconds(3)));
        admin(knobs, () -> crm.changeContacts(5));
        admin(knobs, calendar::expireAccessTokens);
        admin(knobs, calendar::revokeConsents);

        assertThat(admin(knobs, crm::rateLimit).requests()).isOne();
        assertThat(admin(bystander, crm::rateLimit)).isEqualTo(crm.defaultRateLimit());
        assertThat(admin(bystander, calendar::activeConsents)).isOne();

        Run first = runNowAndWait(bystander, bystanderCrm);
        Run second = runNowAndWait(bystander, bystanderCrm);
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.recordsRead())
                .as("another organisation's changed contacts")
                .isZero();
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.throttled()).as("another organisation's throttle").isFalse();
        Run events = runNowAndWait(bystander, bystanderCalendar);
        assertThat(events.status())
                .as("another organisation's ended tokens and revoked consents: %s", events.errorMessage())
                .isEqualTo(RunStatus.SUCCEEDED);

        // and in the organisation that turned them, the knobs bite
        Run changed = runNowAndWait(knobs, knobsCrm);
        Run throttled = runNowAndWait(knobs, knobsCrm);
        assertThat(changed.recordsRead()).isEqualTo(5);
        assertThat(throttled.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(throttled.throttled()).isTrue();
        Run revoked = runNowAndWait(knobs, knobsCalendar);
        assertThat(revoked.status()).isEqualTo(RunStatus.FAILED);
        assertThat(revoked.errorClass()).isEqualTo(ErrorClass.AUTH);
        admin(
                knobs,
                () -> crm.setRateLimit(
                        crm.defaultRateLimit().requests(),
                        crm.defaultRateLimit().per()));
    }

    private Connection activeCalendar(Tenant tenant, String name) {
        Connection draft = ConsentFixtures.calendarDraft(connections, calendar, tenant.id(), name);
        assertThat(ConsentFixtures.connect(consents, draft, tenant.id(), true).failed())
                .isEmpty();
        return admin(tenant, () -> lifecycle.activate(draft.id(), draft.version()));
    }

    private Run runNowAndWait(Tenant tenant, Connection connection) {
        RunId id = admin(tenant, () -> runs.runNow(connection.id()));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> admin(tenant, () -> runs.find(id))
                        .orElseThrow()
                        .status()
                        .finished());
        return admin(tenant, () -> runs.find(id)).orElseThrow();
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private static void admin(Tenant tenant, Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
