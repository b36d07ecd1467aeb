package io.patchbay.observability;

import static io.patchbay.db.Tables.CONNECTION_HEALTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConnectionState;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Health is stored when something happens to a connection, with each transition and its cause; lists page through
 * it worst first by keyset; people changing a connection at once leave one unbroken chain of transitions; and health
 * marked and never evaluated (its node died right after the commit) is evaluated by the sweep.
 */
@IntegrationTest
class StoredHealthIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    HealthService health;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    @Test
    void connectionsAreListedWorstFirstThenByNameAPageAtATime() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Worst First Co");
        var fixtures = new RunFixtures(runs, tenant.id());
        Connection alpha = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Alpha CRM", Map.of(), 1440);
        Connection beta = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Beta CRM", Map.of(), 1440);
        Connection gamma = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "gamma CRM", Map.of(), 1440);
        Run alphaSynced = fixtures.awaitNewestFinished(alpha.id());
        fixtures.awaitNewestFinished(beta.id());
        fixtures.awaitNewestFinished(gamma.id());
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.pause(beta.id()));
        HealthFixtures.awaitHealth(health, tenant.id(), alpha.id(), HealthStatus.CONNECTED);
        HealthFixtures.awaitHealth(health, tenant.id(), beta.id(), HealthStatus.PAUSED);
        HealthFixtures.awaitHealth(health, tenant.id(), gamma.id(), HealthStatus.CONNECTED);

        List<String> listed = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            // a page of one row at a time: each page starts after the last row of the one before
            List<String> rows = new ArrayList<>();
            HealthCursor after = null;
            for (List<ConnectionHealth> page;
                    !(page = health.page(HealthFilter.ALL, after, 1)).isEmpty();
                    after = page.get(0).cursor()) {
                rows.add(page.get(0).name() + ": "
                        + page.get(0).health().status().label());
            }
            return rows;
        });
        assertThat(listed).containsExactly("Beta CRM: Paused", "Alpha CRM: Connected", "gamma CRM: Connected");

        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThat(health.page(new HealthFilter(null, null, HealthStatus.PAUSED, null, null), null, 10))
                    .extracting(ConnectionHealth::name)
                    .containsExactly("Beta CRM");
            assertThat(health.page(new HealthFilter(null, null, null, null, "GAMMA"), null, 10))
                    .extracting(ConnectionHealth::name)
                    .containsExactly("gamma CRM");
            assertThat(health.connectors()).containsExactly("Sandbox CRM");
            ConnectionHealth row = health.current(alpha.id()).orElseThrow();
            assertThat(row.lastRun()).isNotNull();
            assertThat(row.lastRun().id()).isEqualTo(alphaSynced.id());
            assertThat(row.scheduleMinutes()).isEqualTo(1440);

            // first evaluated when activated, then connected by its first sync, which is named by correlation id
            List<HealthTransition> alphaHistory = health.transitions(alpha.id(), 10);
            assertThat(alphaHistory)
                    .extracting(HealthTransition::to)
                    .containsExactly(HealthStatus.CONNECTED, HealthStatus.NOT_YET_SYNCED);
            assertThat(alphaHistory.get(0).from()).isEqualTo(HealthStatus.NOT_YET_SYNCED);
            assertThat(alphaHistory.get(0).cause()).startsWith("Run " + alphaSynced.correlationId() + " ended");
            assertThat(alphaHistory.get(0).correlationId()).isEqualTo(alphaSynced.correlationId());
            assertThat(alphaHistory.get(1).cause()).endsWith("activated the connection");
            assertThat(health.transitions(beta.id(), 1).get(0).cause())
                    .isEqualTo("test-customer_admin paused the connection");
        });
    }

    @Test
    void peoplePausingAndResumingAtOnceLeaveOneUnbrokenChainOfTransitions() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Busy Hands Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Contested CRM", Map.of(), 1440);
        new RunFixtures(runs, tenant.id()).awaitNewestFinished(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);

        int people = 6;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(people);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                boolean pauses = i % 2 == 0;
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                        Actors.as(
                                tenant.id(),
                                Role.CUSTOMER_ADMIN,
                                () -> pauses ? lifecycle.pause(connection.id()) : lifecycle.resume(connection.id()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }

        ConnectionState finalState = Actors.as(
                        tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.find(connection.id()))
                .orElseThrow()
                .state();
        HealthStatus expected = finalState == ConnectionState.PAUSED ? HealthStatus.PAUSED : HealthStatus.CONNECTED;
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), expected);
        List<HealthTransition> newestFirst =
                Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> health.transitions(connection.id(), 500));
        assertThat(newestFirst.get(0).to()).isEqualTo(expected);
        for (int i = 0; i + 1 < newestFirst.size(); i++) {
            assertThat(newestFirst.get(i).from())
                    .as("transition %d starts where the one before it ended: %s", i, newestFirst)
                    .isEqualTo(newestFirst.get(i + 1).to());
            assertThat(newestFirst.get(i).from())
                    .isNotEqualTo(newestFirst.get(i).to());
        }
    }

    @Test
    void healthMarkedButNeverEvaluatedIsEvaluatedByTheSweep() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Died Mid Way Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Orphaned CRM", Map.of(), 1440);
        new RunFixtures(runs, tenant.id()).awaitNewestFinished(connection.id());
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);

        // what a node leaves when it dies between a commit that paused the connection and the evaluation after it
        db.update(io.patchbay.db.Tables.CONNECTION)
                .set(io.patchbay.db.Tables.CONNECTION.STATE, "paused")
                .where(io.patchbay.db.Tables.CONNECTION.ID.eq(connection.id().value()))
                .execute();
        db.update(CONNECTION_HEALTH)
                .set(
                        CONNECTION_HEALTH.STALE_SINCE,
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
                .set(CONNECTION_HEALTH.STALE_CAUSE, "someone paused the connection")
                .where(CONNECTION_HEALTH.CONNECTION_ID.eq(connection.id().value()))
                .execute();

        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.PAUSED);
        assertThat(Actors.as(tenant.id(), Role.SUPPORT_AGENT, () -> health.transitions(connection.id(), 1))
                        .get(0)
                        .cause())
                .isEqualTo("someone paused the connection");
    }
}
