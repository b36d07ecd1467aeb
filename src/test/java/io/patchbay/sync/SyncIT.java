package io.patchbay.sync;

import static io.patchbay.db.Tables.CONNECTION;
import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.IDENTITY_LINK;
import static io.patchbay.db.Tables.STREAM_CHECKPOINT;
import static io.patchbay.db.Tables.SYNC_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.audit.AuditEntry;
import io.patchbay.audit.AuditService;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.internal.CoreStoreRepository;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import io.patchbay.validation.IdentityRules;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** Syncs end to end: Quartz, the run queue, the sandbox CRM over HTTP, checkpoints and the core store. */
@IntegrationTest
class SyncIT {

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
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    io.patchbay.sandbox.SandboxBilling billing;

    @Autowired
    Scheduler quartz;

    @Autowired
    DSLContext db;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    CoreStoreRepository coreStore;

    @Autowired
    ObjectMapper json;

    private Tenant tenant;

    private RunFixtures runFixtures;

    @BeforeEach
    void newTenant() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Sync Co");
        runFixtures = new RunFixtures(runs, tenant.id());
    }

    @Test
    void firstSyncReadsEverythingAndTheNextOnlyWhatChanged() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM contacts");
        int contacts = admin(crm::contactCount);

        Run first = runFixtures.awaitNewestFinished(connection.id());
        assertThat(first.trigger()).isEqualTo(RunTrigger.ACTIVATION);
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.recordsRead()).isEqualTo(contacts);
        assertThat(first.recordsWritten()).isEqualTo(contacts);
        assertThat(coreRecords()).isEqualTo(contacts);
        assertThat(db.fetchCount(
                        STREAM_CHECKPOINT,
                        STREAM_CHECKPOINT.CONNECTION_ID.eq(connection.id().value())))
                .isOne();

        Run nothingNew = runFixtures.runNowAndWait(connection.id());
        assertThat(nothingNew.recordsRead()).isZero();

        admin(() -> crm.changeContacts(5));
        Run incremental = runFixtures.runNowAndWait(connection.id());
        assertThat(incremental.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(incremental.recordsRead()).isEqualTo(5);
        assertThat(incremental.recordsWritten()).isEqualTo(5);
        assertThat(coreRecords()).isEqualTo(contacts);
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
    }

    @Test
    void billingInvoicesSyncOverOAuth2ClientCredentialsWithCursorPages() {
        Connection connection = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup("sandbox-billing-invoices");
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    new io.patchbay.connection.ConnectionDetails(
                            "Billing",
                            ((tools.jackson.databind.node.ObjectNode) draft.settings())
                                    .deepCopy()
                                    .put("clientId", billing.clientId()),
                            java.util.Map.of("clientSecret", billing.clientSecret())));
            return lifecycle.activate(draft.id(), saved.version());
        });
        Run first = runFixtures.awaitNewestFinished(connection.id());
        assertThat(first.status()).as(String.valueOf(first.errorMessage())).isEqualTo(RunStatus.SUCCEEDED);
        int invoices = admin(billing::invoiceCount);
        assertThat(first.recordsRead()).isEqualTo(invoices);
        assertThat(db.fetchCount(
                        CORE_RECORD,
                        CORE_RECORD.TENANT_ID.eq(tenant.id().value()).and(CORE_RECORD.ENTITY.eq("invoice"))))
                .isEqualTo(invoices);

        admin(() -> billing.payInvoices(2));
        Run incremental = runFixtures.runNowAndWait(connection.id());
        assertThat(incremental.recordsWritten()).isEqualTo(2);
    }

    @Test
    void throttledSyncWaitsAsAskedAndFinishes() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Throttled CRM");
        runFixtures.awaitNewestFinished(connection.id());
        admin(() -> crm.changeContacts(3));
        try {
            admin(() -> crm.setRateLimit(1, Duration.ofSeconds(2)));
            Run first = runFixtures.runNowAndWait(connection.id());
            Run second = runFixtures.runNowAndWait(connection.id());
            assertThat(List.of(first, second)).allMatch(run -> run.status() == RunStatus.SUCCEEDED);
            assertThat(first.recordsRead() + second.recordsRead()).isGreaterThanOrEqualTo(3);
            assertThat(second.throttled())
                    .as("the second run's request came within the limit window")
                    .isTrue();
            assertThat(second.throttledMillis()).isGreaterThanOrEqualTo(1000);
        } finally {
            admin(() -> crm.setRateLimit(
                    crm.defaultRateLimit().requests(), crm.defaultRateLimit().per()));
        }
    }

    @Test
    void aRejectedKeyFailsTheRunAsAuthWithAFixAndTheConnectionIsFailing() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM with a bad key");
        runFixtures.awaitNewestFinished(connection.id());
        Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> connections.saveDetails(
                        connection.id(),
                        connection.version(),
                        ConnectionFixtures.sandboxDetails("CRM with a bad key", crm.apiUrl(), "sbx_wrong_key_0000")));

        Run failed = runFixtures.runNowAndWait(connection.id());
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(failed.errorMessage()).isEqualTo("The API key was rejected.");
        assertThat(failed.errorFix()).contains("API key");
        var failing = HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.FAILING);
        assertThat(failing.fix()).isEqualTo(failed.errorFix());
    }

    @Test
    void activationRefusesDetailsThatFailTheTest() {
        Connection draft = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection created = connections.startSetup(ConnectionFixtures.TEMPLATE);
            return connections.saveDetails(
                    created.id(),
                    created.version(),
                    ConnectionFixtures.sandboxDetails("Bad key", crm.apiUrl(), "nope-nope-nope"));
        });
        assertThatThrownBy(() -> Actors.as(
                        tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.activate(draft.id(), draft.version())))
                .isInstanceOfSatisfying(InvalidSetupException.class, e -> {
                    assertThat(e.field()).isEqualTo("connection");
                    assertThat(e.getMessage()).contains("The API key was rejected.");
                });
        assertThat(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> connections.find(draft.id()))
                        .orElseThrow()
                        .isDraft())
                .isTrue();
    }

    @Test
    void pausedConnectionsHaveNoScheduleAndResumeGetsItBack() throws Exception {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Pausable CRM");
        runFixtures.awaitNewestFinished(connection.id());
        var next = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.nextRun(connection.id()));
        assertThat(next).isPresent();
        assertThat(next.get())
                .isBetween(
                        java.time.Instant.now().plusSeconds(60),
                        java.time.Instant.now().plusSeconds(5 * 60 + 5));

        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.pause(connection.id()));
        assertThat(quartz.checkExists(JobKey.jobKey(connection.id().toString(), "connection-sync")))
                .isFalse();
        assertThat(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.nextRun(connection.id())))
                .isEmpty();
        assertThatThrownBy(() -> Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.runNow(connection.id())))
                .hasMessageContaining("resume");
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.PAUSED);

        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> lifecycle.resume(connection.id()));
        assertThat(Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.nextRun(connection.id())))
                .isPresent();

        List<String> actions = Actors.as(
                        tenant.id(),
                        Role.CUSTOMER_ADMIN,
                        () -> audit.entriesFor("connection", connection.id().toString(), 20))
                .stream()
                .map(AuditEntry::action)
                .toList();
        assertThat(actions)
                .containsSubsequence(
                        "connection.resumed",
                        "connection.paused",
                        "connection.activated",
                        "connection.details_changed",
                        "connection.created");
    }

    @Test
    void quartzFiringQueuesAScheduledRun() throws Exception {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Scheduled CRM");
        runFixtures.awaitNewestFinished(connection.id());
        quartz.triggerJob(JobKey.jobKey(connection.id().toString(), "connection-sync"));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> runFixtures.newest(connection.id()).trigger() == RunTrigger.SCHEDULE
                        && runFixtures.newest(connection.id()).status().finished());
        assertThat(runFixtures.newest(connection.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aRunWhoseNodeDiedIsReclaimedAndResumesFromItsCheckpoint() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Orphaned CRM");
        runFixtures.awaitNewestFinished(connection.id());
        admin(() -> crm.changeContacts(2));
        UUID orphan = UUID.randomUUID();
        tx.executeWithoutResult(s -> db.insertInto(SYNC_RUN)
                .set(SYNC_RUN.ID, orphan)
                .set(SYNC_RUN.TENANT_ID, tenant.id().value())
                .set(SYNC_RUN.CONNECTION_ID, connection.id().value())
                .set(SYNC_RUN.TRIGGER, "schedule")
                .set(SYNC_RUN.STATUS, "running")
                .set(SYNC_RUN.CORRELATION_ID, "run-orphan")
                .set(SYNC_RUN.STARTED_AT, OffsetDateTime.now().minusMinutes(5))
                .set(SYNC_RUN.LEASE_OWNER, "a-node-that-was-killed#0")
                .set(SYNC_RUN.LEASE_EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
                .set(SYNC_RUN.ATTEMPTS, 1)
                .execute());

        await().atMost(Duration.ofSeconds(90)).until(() -> runStatus(orphan).finished());
        Run reclaimed = Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> runs.find(new RunId(orphan)))
                .orElseThrow();
        assertThat(reclaimed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(reclaimed.recordsRead()).isEqualTo(2);
        assertThat(db.select(SYNC_RUN.ATTEMPTS)
                        .from(SYNC_RUN)
                        .where(SYNC_RUN.ID.eq(orphan))
                        .fetchSingle()
                        .value1())
                .isEqualTo(2);
    }

    @Test
    void applyingTheSamePageTwiceChangesNothing() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Idempotent CRM");
        runFixtures.awaitNewestFinished(connection.id());
        var record =
                new MappedRecord("page-twice-1", json.createObjectNode().put("email", "twice@example.com"), List.of());
        int first = CurrentTenant.callAs(
                tenant.id(),
                () -> tx.execute(s ->
                        coreStore.upsert(connection.id(), "contact", List.of(record), IdentityRules.NONE, "test")));
        int again = CurrentTenant.callAs(
                tenant.id(),
                () -> tx.execute(s ->
                        coreStore.upsert(connection.id(), "contact", List.of(record), IdentityRules.NONE, "test")));
        assertThat(first).isOne();
        assertThat(again).isZero();
        assertThat(db.fetchCount(IDENTITY_LINK, IDENTITY_LINK.EXTERNAL_ID.eq("page-twice-1")))
                .isOne();
    }

    @Test
    void theApiKeyIsEncryptedAtRestAndOnlyItsHintIsShown() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Secret CRM");
        String apiKey = admin(crm::apiKey);
        var row = db.selectFrom(CONNECTION)
                .where(CONNECTION.ID.eq(connection.id().value()))
                .fetchSingle();
        assertThat(new String(row.getSecretCipher(), StandardCharsets.ISO_8859_1))
                .doesNotContain(apiKey);
        assertThat(row.getConfig().data()).doesNotContain(apiKey);
        assertThat(connection.secretHints())
                .containsExactly(java.util.Map.entry("apiKey", "••••" + apiKey.substring(apiKey.length() - 4)));
        assertThat(row.getSecretHints().data()).doesNotContain(apiKey);
        assertThat(connection.toString()).doesNotContain(apiKey);
        List<AuditEntry> entries = Actors.as(
                tenant.id(),
                Role.CUSTOMER_ADMIN,
                () -> audit.entriesFor("connection", connection.id().toString(), 20));
        assertThat(entries.toString()).doesNotContain(apiKey);
    }

    private <T> T admin(java.util.function.Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private void admin(Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private int coreRecords() {
        return db.fetchCount(CORE_RECORD, CORE_RECORD.TENANT_ID.eq(tenant.id().value()));
    }

    private RunStatus runStatus(UUID run) {
        return RunStatus.fromDb(db.select(SYNC_RUN.STATUS)
                .from(SYNC_RUN)
                .where(SYNC_RUN.ID.eq(run))
                .fetchSingle()
                .value1());
    }
}
