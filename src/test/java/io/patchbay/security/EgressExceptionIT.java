package io.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditEntry;
import io.patchbay.audit.AuditService;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.security.egress.EgressRule;
import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A tenant's audited exception opens one closed host for that tenant only, until it is revoked. */
@IntegrationTest
class EgressExceptionIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    EgressClient egress;

    @Autowired
    EgressExceptionService exceptions;

    @Autowired
    AuditService audit;

    @Value("${server.port}")
    int port;

    @Test
    void anExceptionOpensAHostForItsTenantOnly() {
        Tenant owner = TenantFixtures.tenantWithAdmin(tenants, encoder, "Office Network Co");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Elsewhere Co");
        URI inside = URI.create("http://127.0.0.1:" + port + "/actuator/health");

        Actors.as(owner.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThatThrownBy(() -> egress.send("GET", inside, Map.of(), null))
                    .isInstanceOfSatisfying(EgressRefusedException.class, e -> assertThat(e.rule())
                            .isEqualTo(EgressRule.HTTPS_ONLY));
            assertThatThrownBy(() -> exceptions.grant("http://127.0.0.1", "A reason long enough"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("without scheme");
            assertThatThrownBy(() -> exceptions.grant("127.0.0.1", "because"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("why");
            exceptions.grant("127.0.0.1", "Our staging system lives on the office network");
            assertThat(send(inside)).isEqualTo(200);
        });
        Actors.as(other.id(), Role.CUSTOMER_ADMIN, () -> assertThatThrownBy(
                        () -> egress.send("GET", inside, Map.of(), null))
                .isInstanceOf(EgressRefusedException.class));
        Actors.as(owner.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(audit.entriesFor("egress_exception", "127.0.0.1", 10))
                    .extracting(AuditEntry::action)
                    .containsExactly("egress_exception.granted");
            exceptions.revoke(exceptions.list().get(0).id());
            assertThatThrownBy(() -> egress.send("GET", inside, Map.of(), null))
                    .isInstanceOf(EgressRefusedException.class);
            assertThat(audit.entriesFor("egress_exception", "127.0.0.1", 10))
                    .extracting(AuditEntry::action)
                    .containsExactly("egress_exception.revoked", "egress_exception.granted");
        });
        Actors.as(other.id(), Role.SUPPORT_AGENT, () -> assertThatThrownBy(
                        () -> exceptions.grant("10.0.0.1", "Support may not open the network"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class));
    }

    private int send(URI uri) {
        try {
            return egress.send("GET", uri, Map.of(), null).status();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
