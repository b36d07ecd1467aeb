package io.patchbay.certification;

import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.sandbox.SandboxCrm;
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
 * Both shipped Sandbox CRM manifests (versions 1 and 2) pass the certification kit against the live sandbox, over
 * HTTP, as its entry in {@code connectors/certification.json} says; each in the sandbox account of a tenant of its
 * own.
 */
@IntegrationTest
class SandboxCrmCertificationIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SandboxCrm crm;

    @TestFactory
    Stream<DynamicTest> version2IsCertified() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Certify CRM 2");
        String apiKey = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey);
        var values = JsonNodeFactory.instance.objectNode().put("apiUrl", crm.apiUrl());
        var json = JsonNodeFactory.instance;
        return CertificationKit.certifyAsRecorded(new Certification(
                        CertificationKit.shippedManifest("sandbox-crm@2"),
                        new ConnectorSettings(values, Map.of("apiKey", apiKey)),
                        new ConnectorSettings(values, Map.of("apiKey", "sbx_wrong_0000")),
                        "apiUrl",
                        "contacts",
                        () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> crm.changeContacts(3)),
                        "contacts",
                        java.util.List.of(
                                json.objectNode()
                                        .put("email", "ada+certify@example.com")
                                        .put("first_name", "Ada")
                                        .put("last_name", "Lovelace")
                                        .put("company", "Analytical Engines"),
                                json.objectNode()
                                        .put("email", "grace+certify@example.com")
                                        .put("first_name", "Grace")
                                        .put("last_name", "Hopper")
                                        .put("company", "Navy")))
                .writingBy("email"));
    }

    @TestFactory
    Stream<DynamicTest> sandboxCrmIsCertified() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Certify CRM 1");
        String apiKey = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, crm::apiKey);
        var values = JsonNodeFactory.instance.objectNode().put("baseUrl", crm.baseUrl());
        return CertificationKit.certifyAsRecorded(new Certification(
                CertificationKit.shippedManifest("sandbox-crm@1"),
                new ConnectorSettings(values, Map.of("apiKey", apiKey)),
                new ConnectorSettings(values, Map.of("apiKey", "sbx_wrong_0000")),
                "baseUrl",
                "contacts",
                () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> crm.changeContacts(3))));
    }
}
