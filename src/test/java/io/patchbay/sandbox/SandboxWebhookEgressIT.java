package io.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.NetworkFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The sandbox billing system sends its webhooks through the hub's egress guard: a URL the guard refuses is refused
 * when it is added, with the rule named, and never called when it is sent to; and an organisation's invoice events go
 * to its own endpoints only.
 */
@IntegrationTest
class SandboxWebhookEgressIT {

    @Autowired
    io.patchbay.security.EgressExceptionService exceptions;

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SandboxBilling billing;

    @Value("${server.port}")
    int port;

    @Test
    void addingAnEndpointTheEgressGuardRefusesNamesTheRule() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Port Scanner");

        assertThatThrownBy(() -> admin(tenant, () -> billing.addWebhookEndpoint("http://127.0.0.1:5432/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("rule: never-reachable");
        assertThatThrownBy(() -> admin(tenant, () -> billing.addWebhookEndpoint("https://localhost:" + port + "/x")))
                .hasMessageContaining("rule: never-reachable");
        assertThatThrownBy(() -> admin(
                        tenant, () -> billing.addWebhookEndpoint("http://localhost:" + port + "/actuator/health")))
                .hasMessageContaining("rule: hub-paths");
        assertThatThrownBy(() -> admin(tenant, () -> billing.addWebhookEndpoint("http://10.0.0.7:6379/hooks")))
                .hasMessageContaining("rule: https-only");
        assertThatThrownBy(() -> admin(tenant, () -> billing.addWebhookEndpoint("http://me:pw@localhost/hooks/x")))
                .hasMessageContaining("rule: no-credentials-in-url");
        assertThatThrownBy(() -> admin(tenant, () -> billing.addWebhookEndpoint("gopher://localhost:70/")))
                .hasMessageContaining("rule: valid-url");
        assertThat(admin(tenant, billing::webhookEndpoints)).isEmpty();
    }

    @Test
    void theSenderNeverCallsAnAddressTheEgressGuardRefusesAndRecordsWhy() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Private Prober");
        // a private address is refused when it is saved, unless a network exception opens it
        String url = "https://10.213.0.9/hooks";
        assertThatThrownBy(() -> admin(tenant, () -> billing.addWebhookEndpoint(url)))
                .hasMessageContaining("rule: public-addresses-only");
        UUID opened = NetworkFixtures.approvedException(exceptions, tenant.id(), "10.213.0.9");
        SandboxWebhookEndpoint endpoint = admin(tenant, () -> billing.addWebhookEndpoint(url));
        // once the exception is revoked, the guard refuses the address when it is about to connect
        admin(tenant, () -> exceptions.revoke(opened));

        admin(tenant, () -> billing.issueInvoices(2));

        await().atMost(Duration.ofSeconds(90))
                .until(() -> endpointAt(tenant, url).failed() == 2);
        SandboxWebhookEndpoint refused = endpointAt(tenant, url);
        assertThat(refused.id()).isEqualTo(endpoint.id());
        assertThat(refused.delivered()).isZero();
        assertThat(refused.lastOutcome())
                .startsWith("Refused by the egress guard: ")
                .contains("rule: public-addresses-only");
    }

    @Test
    void invoiceEventsGoOnlyToTheEndpointsOfTheAccountWhoseInvoicesChanged() {
        Tenant issuer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Issuer");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Not The Issuer");
        // connections that do not exist: the hub answers 404, which is recorded as each delivery's outcome
        String issuerUrl = "http://localhost:" + port + "/hooks/" + UUID.randomUUID();
        String otherUrl = "http://localhost:" + port + "/hooks/" + UUID.randomUUID();
        admin(issuer, () -> billing.addWebhookEndpoint(issuerUrl));
        admin(other, () -> billing.addWebhookEndpoint(otherUrl));

        admin(issuer, () -> billing.issueInvoices(1));

        await().atMost(Duration.ofSeconds(90))
                .until(() -> endpointAt(issuer, issuerUrl).lastOutcome() != null);
        assertThat(endpointAt(issuer, issuerUrl).lastOutcome()).isEqualTo("HTTP 404");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> endpointAt(other, otherUrl).lastAttemptAt() == null);
    }

    private SandboxWebhookEndpoint endpointAt(Tenant tenant, String url) {
        return admin(tenant, () -> billing.webhookEndpoint(url)).orElseThrow();
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private static void admin(Tenant tenant, Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
