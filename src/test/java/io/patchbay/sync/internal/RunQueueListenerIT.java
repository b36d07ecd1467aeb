package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.SYNC_RUN;
import static org.awaitility.Awaitility.await;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run queued where this node hears nothing of it (as on another node: no event in this JVM) is started by this
 * node's idle workers at once, through PostgreSQL's notification, although they poll only once an hour here.
 */
@IntegrationTest
@TestPropertySource(properties = "patchbay.sync.poll-interval=1h")
class RunQueueListenerIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    SandboxCrm crm;

    @Autowired
    RunRepository runs;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DSLContext db;

    @Test
    void aRunQueuedElsewhereStartsWithoutWaitingForThePoll() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Listening Co");
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM contacts");
        await().atMost(Duration.ofSeconds(60)).until(() -> !hasUnfinishedRun(connection));

        // queued the way another node queues it: into the table, with no event in this JVM
        RunId queued = tx.execute(
                s -> CurrentTenant.callAs(tenant.id(), () -> runs.enqueue(connection.id(), RunTrigger.MANUAL)));

        await().atMost(Duration.ofSeconds(30))
                .alias("the run is finished long before the next poll, an hour away")
                .until(() -> "succeeded"
                        .equals(db.select(SYNC_RUN.STATUS)
                                .from(SYNC_RUN)
                                .where(SYNC_RUN.ID.eq(queued.value()))
                                .fetchOne(SYNC_RUN.STATUS)));
    }

    private boolean hasUnfinishedRun(Connection connection) {
        return db.fetchExists(
                SYNC_RUN,
                SYNC_RUN.CONNECTION_ID.eq(connection.id().value()).and(SYNC_RUN.STATUS.in("queued", "running")));
    }
}
