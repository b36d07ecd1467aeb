package io.patchbay.support;

import io.patchbay.security.EgressExceptionService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Network exceptions as a tenant's admin asks for them and a solutions engineer approves them. */
public final class NetworkFixtures {

    private NetworkFixtures() {}

    /**
     * Points database settings at the tests' private network: the machine's PostgreSQL (or MariaDB) exposed at
     * {@link PrivateNetwork#HOST}, as its superuser; the tenant needs an exception for that host.
     */
    public static ObjectNode onThePrivateNetwork(ObjectNode settings, boolean postgres) {
        return settings.put("host", PrivateNetwork.HOST)
                .put("port", PrivateNetwork.expose(postgres ? 5432 : 3306))
                .put("database", postgres ? "postgres" : "mysql")
                .put("username", postgres ? "postgres" : "root");
    }

    /** Opens {@code host} for the tenant for 30 days: requested by its admin, approved by an engineer. */
    public static UUID approvedException(EgressExceptionService exceptions, TenantId tenant, String host) {
        UUID id = Actors.as(tenant, Role.CUSTOMER_ADMIN, () -> {
            exceptions.request(host, "Our database lives on the office network");
            return exceptions.list().stream()
                    .filter(exception -> exception.host().equals(host))
                    .findFirst()
                    .orElseThrow()
                    .id();
        });
        Actors.as(
                tenant,
                Role.SOLUTIONS_ENGINEER,
                () -> exceptions.approve(id, Instant.now().plus(Duration.ofDays(30)), null));
        return id;
    }
}
