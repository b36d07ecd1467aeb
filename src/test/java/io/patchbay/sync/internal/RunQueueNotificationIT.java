package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.SYNC_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.base.PostgresChannel;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run queued anywhere reaches every node's listener through PostgreSQL's notification, and a run queued that way is
 * picked up and done. The listener here is a second one, as another node's
 * would be, whose only way to hear of the run is the notification.
 */
@IntegrationTest
class RunQueueNotificationIT {

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

    @Autowired
    DataSource dataSource;

    @Autowired
    SyncProperties properties;

    @Test
    void aRunQueuedOnAnyNodeWakesTheOthersOnceItCommits() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Listening Co");
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM contacts");
        await().atMost(Duration.ofSeconds(60)).until(() -> !hasUnfinishedRun(connection));
        var wokenUp = new Semaphore(0);
        var otherNode = new PostgresChannel(
                dataSource, RunRepository.QUEUED_CHANNEL, payload -> wokenUp.release(), properties.pollInterval());
        otherNode.start();
        try {
            // the listener is listening once a notification of its own comes through
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                db.execute("select pg_notify(?, '')", RunRepository.QUEUED_CHANNEL);
                return wokenUp.tryAcquire(200, TimeUnit.MILLISECONDS);
            });
            wokenUp.drainPermits();

            RunId queued = tx.execute(
                    s -> CurrentTenant.callAs(tenant.id(), () -> runs.enqueue(connection.id(), RunTrigger.MANUAL)));

            assertThat(wokenUp.tryAcquire(30, TimeUnit.SECONDS))
                    .as("the other node hears of the run")
                    .isTrue();
            awaitDone(queued);
        } finally {
            otherNode.stop();
        }
    }

    private void awaitDone(RunId queued) {
        await().atMost(Duration.ofSeconds(90))
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
