package io.patchbay.certification;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.support.IntegrationTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shipped Sandbox Billing manifest (OAuth2 client credentials, cursor pagination) passes the certification kit
 * against the live sandbox billing system, as its entry in {@code connectors/certification.json} says.
 */
@IntegrationTest
class SandboxBillingCertificationIT {

    @Autowired
    SandboxBilling billing;

    @TestFactory
    Stream<DynamicTest> sandboxBillingIsCertified() {
        var values = JsonNodeFactory.instance
                .objectNode()
                .put("baseUrl", billing.baseUrl())
                .put("clientId", billing.clientId());
        return CertificationKit.certifyAsRecorded(new Certification(
                CertificationKit.shippedManifest("sandbox-billing@1"),
                new ConnectorSettings(values, Map.of("clientSecret", billing.clientSecret())),
                new ConnectorSettings(values, Map.of("clientSecret", "not-the-secret-at-all")),
                "baseUrl",
                "invoices",
                () -> billing.payInvoices(2)));
    }
}
