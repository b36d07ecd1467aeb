package io.patchbay.certification;

import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The shipped Sandbox Billing manifest (OAuth2 client credentials, cursor pagination) passes the certification kit
 * against the live sandbox billing system, as its entry in {@code connectors/certification.json} says, with the
 * OAuth2 client of a tenant's own sandbox account.
 */
@IntegrationTest
class SandboxBillingCertificationIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SandboxBilling billing;

    @TestFactory
    Stream<DynamicTest> sandboxBillingIsCertified() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Certify Billing");
        var values = JsonNodeFactory.instance
                .objectNode()
                .put("baseUrl", billing.baseUrl())
                .put("clientId", Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, billing::clientId));
        String clientSecret = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, billing::clientSecret);
        return CertificationKit.certifyAsRecorded(new Certification(
                CertificationKit.shippedManifest("sandbox-billing@1"),
                new ConnectorSettings(values, Map.of("clientSecret", clientSecret)),
                new ConnectorSettings(values, Map.of("clientSecret", "not-the-secret-at-all")),
                "baseUrl",
                "invoices",
                () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> billing.payInvoices(2))));
    }
}
