package io.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Each organisation has its own account at the sandbox systems: its own credentials and data, which the admins of
 * another organisation neither see nor change.
 */
@IntegrationTest
class SandboxAccountsIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SandboxCrm crm;

    @Autowired
    SandboxBilling billing;

    @Autowired
    SandboxCalendar calendar;

    @Autowired
    SandboxProperties properties;

    @Value("${server.port}")
    int port;

    @Test
    void twoOrganisationsAdminsEachSeeOnlyTheirOwnKeysContactsCountsAndEndpoints() {
        Tenant ours = TenantFixtures.tenantWithAdmin(tenants, encoder, "Ours Ltd");
        Tenant theirs = TenantFixtures.tenantWithAdmin(tenants, encoder, "Theirs Ltd");

        assertThat(admin(ours, crm::apiKey)).matches("sbx_[A-Za-z0-9_-]{24}").isNotEqualTo(admin(theirs, crm::apiKey));
        assertThat(Set.of(
                        admin(ours, billing::clientId),
                        admin(theirs, billing::clientId),
                        admin(ours, billing::clientSecret),
                        admin(theirs, billing::clientSecret),
                        admin(ours, calendar::clientId),
                        admin(theirs, calendar::clientId),
                        admin(ours, calendar::clientSecret),
                        admin(theirs, calendar::clientSecret)))
                .as("no credential is shared")
                .hasSize(8)
                .doesNotContain(properties.crm().apiKey(), properties.billing().clientSecret());

        int contacts = properties.crm().seedContacts();
        int invoices = properties.billing().seedInvoices();
        admin(ours, () -> crm.addContact("Only", "Ours", "only.ours@example.com", "Ours Ltd"));
        admin(ours, () -> crm.changeContacts(5));
        admin(ours, () -> billing.issueInvoices(3));
        admin(ours, () -> calendar.moveEvents(3));
        String url = "http://localhost:" + port + "/hooks/" + UUID.randomUUID();
        SandboxWebhookEndpoint endpoint = admin(ours, () -> billing.addWebhookEndpoint(url));

        assertThat(admin(ours, crm::contactCount)).isEqualTo(contacts + 1);
        assertThat(admin(theirs, crm::contactCount)).isEqualTo(contacts);
        assertThat(admin(ours, () -> crm.recentlyChanged(10)))
                .extracting(SandboxContact::email)
                .contains("only.ours@example.com");
        assertThat(admin(theirs, () -> crm.recentlyChanged(10)))
                .extracting(SandboxContact::email)
                .doesNotContain("only.ours@example.com");
        assertThat(admin(ours, billing::invoiceCount)).isEqualTo(invoices + 3);
        assertThat(admin(theirs, billing::invoiceCount)).isEqualTo(invoices);
        assertThat(admin(ours, calendar::eventCount))
                .isEqualTo(properties.calendar().seedEvents());

        assertThat(admin(ours, billing::webhookEndpoints))
                .extracting(SandboxWebhookEndpoint::url)
                .containsExactly(url);
        assertThat(admin(ours, () -> billing.webhookSecret(endpoint.id())))
                .hasValueSatisfying(secret -> assertThat(secret).startsWith("whsec_"));
        assertThat(admin(theirs, billing::webhookEndpoints)).isEmpty();
        assertThat(admin(theirs, () -> billing.webhookEndpoint(url))).isEmpty();
        assertThat(admin(theirs, () -> billing.webhookSecret(endpoint.id())))
                .as("another organisation's endpoint's secret")
                .isEmpty();
        Actors.as(theirs.id(), Role.CUSTOMER_ADMIN, () -> billing.removeWebhookEndpoint(endpoint.id()));
        assertThat(admin(ours, billing::webhookEndpoints))
                .as("removing another organisation's endpoint does nothing")
                .hasSize(1);
    }

    @Test
    void theDemoOrganisationsAccountHasTheConfiguredCredentials() {
        Tenant acme = tenants.findBySlug("acme").orElseThrow();

        assertThat(admin(acme, crm::apiKey)).isEqualTo(properties.crm().apiKey());
        assertThat(admin(acme, billing::clientId))
                .isEqualTo(properties.billing().clientId());
        assertThat(admin(acme, billing::clientSecret))
                .isEqualTo(properties.billing().clientSecret());
        assertThat(admin(acme, calendar::clientId))
                .isEqualTo(properties.calendar().clientId());
        assertThat(admin(acme, calendar::clientSecret))
                .isEqualTo(properties.calendar().clientSecret());
    }

    @Test
    void anAccountAskedForByManyAtOnceIsOpenedAndSeededOnce() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Rush Hour");
        int callers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                keys.add(pool.submit(() -> {
                    start.await();
                    return admin(tenant, crm::apiKey);
                }));
            }
            start.countDown();
            assertThat(keys.stream().map(SandboxAccountsIT::get).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin(tenant, crm::contactCount)).isEqualTo(properties.crm().seedContacts());
        assertThat(admin(tenant, billing::customerCount))
                .isEqualTo(properties.billing().seedCustomers());
        assertThat(admin(tenant, calendar::eventCount))
                .isEqualTo(properties.calendar().seedEvents());
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private static void admin(Tenant tenant, Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
