package io.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Support agents see their organisation's sandbox account (counts, addresses, recent changes, endpoints) but not its
 * credentials or signing secrets, and change nothing: the services refuse them, whatever a page offers.
 */
@IntegrationTest
class SandboxRolesIT {

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

    @Test
    void aSupportAgentReadsTheAccountButGetsNoCredentialAndChangesNothing() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Support Desk");
        SandboxWebhookEndpoint endpoint = Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> billing.addWebhookEndpoint("https://hooks.example.com/some-connection"));

        Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> {
            assertThat(crm.contactCount()).isPositive();
            assertThat(crm.recentlyChanged(10)).isNotEmpty();
            assertThat(crm.rateLimit()).isEqualTo(crm.defaultRateLimit());
            assertThat(billing.invoiceCount()).isPositive();
            assertThat(billing.webhookEndpoints()).containsExactly(endpoint);
            assertThat(calendar.eventCount()).isPositive();
            assertThat(calendar.activeConsents()).isZero();
        });

        Map<String, ThrowingCallable> refused = Map.ofEntries(
                Map.entry("crm.apiKey", crm::apiKey),
                Map.entry("crm.changeContacts", () -> crm.changeContacts(5)),
                Map.entry("crm.addContact", () -> crm.addContact("Sam", "Support", "sam@example.com", null)),
                Map.entry("crm.setRateLimit", () -> crm.setRateLimit(1, Duration.ofSeconds(3))),
                Map.entry("billing.clientId", billing::clientId),
                Map.entry("billing.clientSecret", billing::clientSecret),
                Map.entry("billing.issueInvoices", () -> billing.issueInvoices(3)),
                Map.entry("billing.payInvoices", () -> billing.payInvoices(3)),
                Map.entry(
                        "billing.addWebhookEndpoint",
                        () -> billing.addWebhookEndpoint("https://hooks.example.com/another")),
                Map.entry("billing.removeWebhookEndpoint", () -> billing.removeWebhookEndpoint(endpoint.id())),
                Map.entry("billing.webhookSecret", () -> billing.webhookSecret(endpoint.id())),
                Map.entry("calendar.clientId", calendar::clientId),
                Map.entry("calendar.clientSecret", calendar::clientSecret),
                Map.entry("calendar.moveEvents", () -> calendar.moveEvents(3)),
                Map.entry("calendar.expireAccessTokens", calendar::expireAccessTokens),
                Map.entry("calendar.revokeConsents", calendar::revokeConsents));
        refused.forEach((method, call) -> assertThatThrownBy(() -> Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> {
                    try {
                        call.call();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .as(method)
                .isInstanceOf(AccessDeniedException.class));

        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(crm.rateLimit()).as("nothing changed").isEqualTo(crm.defaultRateLimit());
            assertThat(billing.webhookEndpoints()).containsExactly(endpoint);
        });
    }

    @Test
    void aSolutionsEngineerSetsTheAccountUpAsAnAdminDoes() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Engineering");
        String key = Actors.as(tenant.id(), Role.SOLUTIONS_ENGINEER, crm::apiKey);
        assertThat(key).isEqualTo(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey));
        assertThat(Actors.as(tenant.id(), Role.SOLUTIONS_ENGINEER, () -> crm.changeContacts(2)))
                .hasSize(2);
    }
}
