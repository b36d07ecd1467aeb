package io.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.audit.AuditEntry;
import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.observability.Health;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.security.egress.EgressRule;
import io.patchbay.support.Actors;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.PrivateNetwork;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A network exception opens a host on a tenant's own network for that tenant only, once a solutions engineer other
 * than the requester approved it and until it expires; closed hosts are refused when they are asked for.
 */
@IntegrationTest
class EgressExceptionIT {

    /** A private address that no test listens on: the guard's decision is what is tested, not a connection. */
    private static final String WAREHOUSE = "10.213.7.9";

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

    @Autowired
    JdbcTemplate sql;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    HealthService health;

    @Test
    void anAdminRequestsAnEngineerApprovesAndOnlyThenUntilItExpiresTheHostOpensForThatTenant() {
        Tenant owner = TenantFixtures.tenantWithAdmin(tenants, encoder, "Office Network Co");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Elsewhere Co");

        UUID id = Actors.as(owner.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(refusal()).satisfies(e -> {
                assertThat(e.rule()).isEqualTo(EgressRule.PUBLIC_ADDRESSES_ONLY);
                assertThat(e.fix()).contains("request a network exception");
            });
            assertThatThrownBy(() -> exceptions.request("http://" + WAREHOUSE, "A reason long enough"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("without scheme");
            assertThatThrownBy(() -> exceptions.request(WAREHOUSE, "because"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("why");
            exceptions.request(WAREHOUSE, "Our warehouse database lives on the office network");
            assertThat(refusal().fix()).contains("waits for a solutions engineer's approval");
            assertThatThrownBy(() -> exceptions.approve(firstId(), Instant.now().plus(Duration.ofDays(30)), null))
                    .as("an admin does not approve")
                    .isInstanceOf(AccessDeniedException.class);
            return firstId();
        });

        Actors.as(owner.id(), Role.SOLUTIONS_ENGINEER, () -> {
            assertThatThrownBy(() -> exceptions.approve(id, Instant.now().plus(Duration.ofDays(400)), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("within the next year");
            exceptions.approve(id, Instant.now().plus(Duration.ofDays(30)), "Checked with their network team");
        });

        Actors.as(owner.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(resolve(WAREHOUSE)).isTrue();
            egress.check(URI.create("http://" + WAREHOUSE + ":8080/api"));
            assertThat(exceptions.list())
                    .singleElement()
                    .satisfies(e -> assertThat(e.opens(Instant.now())).isTrue());
        });
        Actors.as(other.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(exceptions.list()).isEmpty();
            assertThat(refusal().rule()).isEqualTo(EgressRule.PUBLIC_ADDRESSES_ONLY);
        });

        // time passes: the approval runs out
        sql.update("update egress_exception set expires_at = now() - interval '1 day' where id = ?", id);
        Actors.as(owner.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(refusal().fix()).contains("expired on").contains("Request it again");
            assertThat(audit.entriesFor("egress_exception", WAREHOUSE, 10))
                    .extracting(AuditEntry::action)
                    .containsExactly("egress_exception.approved", "egress_exception.requested");
            exceptions.request(WAREHOUSE, "Still needed for the nightly warehouse sync");
            assertThat(refusal().fix()).contains("waits for");
        });
    }

    @Test
    void aDeniedWithdrawnOrSelfApprovedRequestOpensNothing() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Careful Co");
        Actors.as(tenant.id(), Role.SOLUTIONS_ENGINEER, () -> {
            exceptions.request(WAREHOUSE, "An engineer asks on the customer's behalf");
            assertThatThrownBy(() -> exceptions.approve(firstId(), Instant.now().plus(Duration.ofDays(7)), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Another solutions engineer");
        });
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> exceptions.revoke(firstId()));
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(refusal().fix()).contains("was revoked");
            exceptions.request(WAREHOUSE, "Asked again, by the admin this time");
        });
        Actors.as(tenant.id(), Role.SOLUTIONS_ENGINEER, () -> {
            assertThatThrownBy(() -> exceptions.deny(firstId(), "")).isInstanceOf(IllegalArgumentException.class);
            exceptions.deny(firstId(), "Use the VPN gateway's public address instead");
            assertThatThrownBy(() -> exceptions.approve(firstId(), Instant.now().plus(Duration.ofDays(7)), null))
                    .hasMessageContaining("already decided");
        });
        Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> assertThat(refusal().fix()).contains("was denied: Use the VPN gateway's public address instead"));
        Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> {
            assertThat(exceptions.list()).hasSize(1);
            assertThatThrownBy(() -> exceptions.request("10.0.0.1", "Support may not open the network"))
                    .isInstanceOf(AccessDeniedException.class);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.9.9.9",
                "169.254.169.254",
                "0.0.0.0",
                "224.0.0.251",
                "::1",
                "::ffff:127.0.0.1",
                "fe80::1",
                "localhost",
                "metadata.google.internal",
                "metadata",
                "api.localhost"
            })
    void hostsThatAreNeverReachableAreRefusedWhenAskedForNamingTheRule(String host) {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Curious Co");
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThatThrownBy(() -> exceptions.request(host, "We would like to reach this host please"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("never-reachable")
                    .hasMessageContaining("No exception can open it");
            assertThat(exceptions.list()).isEmpty();
        });
    }

    @Test
    void anExpiredExceptionShowsOnTheHealthOfTheConnectionsThatNeedIt() throws Exception {
        int port = PrivateNetwork.expose(5432);
        try (var admin = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var statement = admin.createStatement()) {
            statement.execute("drop database if exists patchbay_expiry with (force)");
            statement.execute("create database patchbay_expiry");
        }
        try (var db = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/patchbay_expiry", "postgres", "");
                var statement = db.createStatement()) {
            statement.execute("create table stock (sku text primary key, units int not null)");
            statement.execute("insert into stock values ('a', 1), ('b', 2)");
        }
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Warehouse Co");
        UUID exception = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            exceptions.request(PrivateNetwork.HOST, "Our stock database lives on the office network");
            return firstId();
        });
        Actors.as(
                tenant.id(),
                Role.SOLUTIONS_ENGINEER,
                () -> exceptions.approve(exception, Instant.now().plus(Duration.ofDays(30)), null));
        Connection connection = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup("postgres-table");
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new ConnectionDetails(
                            "Stock",
                            JsonNodeFactory.instance
                                    .objectNode()
                                    .put("host", PrivateNetwork.HOST)
                                    .put("port", port)
                                    .put("database", "patchbay_expiry")
                                    .put("username", "postgres"),
                            Map.of("password", "trusted-anyway")));
            Connection chosen = connections.chooseStream(draft.id(), saved.version(), "stock");
            return lifecycle.activate(draft.id(), chosen.version());
        });
        assertThat(awaitNewestRun(tenant, connection).status()).isEqualTo(RunStatus.SUCCEEDED);

        // time passes: the approval runs out, and the next sync says so where support and the admin look
        sql.update("update egress_exception set expires_at = now() - interval '1 day' where id = ?", exception);
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.runNow(connection.id()));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> awaitNewestRun(tenant, connection).status() == RunStatus.FAILED);
        Health health = HealthFixtures.awaitHealth(this.health, tenant.id(), connection.id(), HealthStatus.FAILING);
        assertThat(health.reason()).contains(PrivateNetwork.HOST).contains("network exception");
        assertThat(health.fix()).contains("expired on").contains("Request it again");
    }

    private Run awaitNewestRun(Tenant tenant, Connection connection) {
        await().atMost(Duration.ofSeconds(90))
                .until(() ->
                        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.recentRuns(connection.id(), 1)).stream()
                                .allMatch(run -> run.status().finished()));
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.recentRuns(connection.id(), 1))
                .get(0);
    }

    private UUID firstId() {
        return exceptions.list().get(0).id();
    }

    private EgressRefusedException refusal() {
        try {
            egress.check(WAREHOUSE, 5432);
        } catch (EgressRefusedException e) {
            return e;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError(WAREHOUSE + " was not refused");
    }

    private boolean resolve(String host) {
        try {
            return egress.check(host, 5432).port() == 5432;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
