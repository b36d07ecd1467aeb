package io.patchbay.certification;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.support.Actors;
import io.patchbay.support.ConsentFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The shipped Sandbox Calendar manifest (OAuth2 authorization code, next-URL pages) passes the certification kit
 * against the live sandbox calendar, as its entry in {@code connectors/certification.json} says. The kit needs
 * settings that already hold tokens: the test gets them as a person would, by allowing access on the calendar's
 * sign-in page over HTTP, with the OAuth2 client of a tenant's own sandbox account.
 */
@IntegrationTest
class SandboxCalendarCertificationIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    SandboxCalendar calendar;

    @TestFactory
    Stream<DynamicTest> sandboxCalendarIsCertified() {
        Connector connector = CertificationKit.shippedManifest("sandbox-calendar@1");
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Certify Calendar");
        var values = JsonNodeFactory.instance
                .objectNode()
                .put("baseUrl", calendar.baseUrl())
                .put("clientId", Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, calendar::clientId));
        Map<String, String> client =
                Map.of("clientSecret", Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, calendar::clientSecret));
        OAuth2Tokens tokens = ConsentFixtures.grant(connector, new ConnectorSettings(values, client), calendar)
                .tokens();
        Map<String, String> consented = new HashMap<>(client);
        consented.putAll(tokens.secrets());
        Map<String, String> revoked = new HashMap<>(client);
        revoked.putAll(new OAuth2Tokens("sca_not-a-token", "scr_not-a-token", Instant.now()).secrets());
        return CertificationKit.certifyAsRecorded(new Certification(
                connector,
                new ConnectorSettings(values, consented),
                new ConnectorSettings(values, revoked),
                "baseUrl",
                "events",
                () -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> calendar.moveEvents(2))));
    }
}
