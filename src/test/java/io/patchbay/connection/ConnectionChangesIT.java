package io.patchbay.connection;

import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.IDENTITY_LINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.audit.AuditEntry;
import io.patchbay.audit.AuditService;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A connection after its setup: renamed, its settings edited only once they pass a test, a secret rotated, deleted
 * with or without its records, a draft discarded; each change audited with before and after, secrets as hints.
 */
@IntegrationTest
class ConnectionChangesIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    ConnectionChanges changes;

    @Autowired
    RunService runs;

    @Autowired
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Changes Co");
    }

    @Test
    void renamingIsAuditedWithTheNameBefore() {
        Connection connection = active("Old name");
        Connection renamed = admin(() -> changes.rename(connection.id(), connection.version(), "  New name "));
        assertThat(renamed.name()).isEqualTo("New name");
        assertThat(latestAudit(connection).action()).isEqualTo("connection.renamed");
        assertThat(latestAudit(connection).details())
                .containsEntry("name", "New name")
                .containsEntry("name.before", "Old name");
        assertThatThrownBy(() -> admin(() -> changes.rename(connection.id(), renamed.version(), "x")))
                .isInstanceOfSatisfying(
                        InvalidSetupException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void settingsThatFailTheTestAreNotSavedAndAWorkingRotationIsAuditedAsHints() {
        Connection connection = active("CRM");
        String key = admin(crm::apiKey);

        assertThatThrownBy(() -> admin(() -> changes.editSettings(
                        connection.id(),
                        connection.version(),
                        ConnectionFixtures.sandboxDetails("CRM", crm.apiUrl(), "sbx_wrong_key_0000"))))
                .isInstanceOf(InvalidSetupException.class)
                .hasMessageStartingWith("Nothing was saved: ")
                .hasMessageContaining("API key");
        Connection unchanged = admin(() -> connections.find(connection.id()).orElseThrow());
        assertThat(unchanged.version()).isEqualTo(connection.version());
        assertThat(unchanged.secretHints().get("apiKey")).endsWith(key.substring(key.length() - 4));

        // the same key pasted again is a rotation that works; a page size changes with it
        Connection edited = admin(() -> changes.editSettings(
                connection.id(),
                connection.version(),
                ConnectionFixtures.sandboxDetails("CRM", crm.apiUrl(), key, java.util.Map.of("pageSize", 250))));
        assertThat(edited.settings().path("pageSize").asInt()).isEqualTo(250);
        AuditEntry entry = latestAudit(connection);
        assertThat(entry.action()).isEqualTo("connection.details_changed");
        assertThat(entry.details())
                .containsEntry("pageSize", "250")
                .containsKey("pageSize.before")
                .containsKey("apiKey.before");
        assertThat(entry.details().values()).noneMatch(value -> value.contains(key));

        assertThatThrownBy(() -> admin(() -> changes.editSettings(
                        connection.id(),
                        connection.version(),
                        ConnectionFixtures.sandboxDetails("CRM", crm.apiUrl(), null))))
                .as("an edit from the version before is refused")
                .isInstanceOf(StaleConnectionException.class);
    }

    @Test
    void aKeyTheSystemIssuedAnewIsRotatedInAndTheOldOneNoLongerSyncs() {
        Connection connection = active("CRM");
        var fixtures = new io.patchbay.support.RunFixtures(runs, tenant.id());
        fixtures.awaitNewestFinished(connection.id());
        String old = admin(crm::apiKey);
        // the key leaked: the CRM issues a new one, and the one the connection holds stops working
        String fresh = admin(crm::issueNewApiKey);
        assertThat(fresh).isNotEqualTo(old);
        Run refused = fixtures.runNowAndWait(connection.id());
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.errorClass()).isEqualTo(ErrorClass.AUTH);

        Connection current = admin(() -> connections.find(connection.id()).orElseThrow());
        Connection rotated = admin(() -> changes.editSettings(
                current.id(), current.version(), ConnectionFixtures.sandboxDetails("CRM", crm.apiUrl(), fresh)));

        assertThat(rotated.secretHints().get("apiKey")).endsWith(fresh.substring(fresh.length() - 4));
        AuditEntry entry = latestAudit(connection);
        assertThat(entry.action()).isEqualTo("connection.details_changed");
        assertThat(entry.details()).containsKey("apiKey.before");
        assertThat(entry.details().values()).noneMatch(value -> value.contains(fresh) || value.contains(old));
        assertThat(fixtures.runNowAndWait(connection.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void deletingRemovesTheScheduleAndTheRecordsOnlyWhenAsked() {
        Connection kept = active("Keeps its records");
        awaitFirstSync(kept);
        int records = coreRecords();
        assertThat(records).isPositive();

        assertThat(admin(() -> changes.delete(kept.id(), kept.version(), false)))
                .isEmpty();
        assertThat(admin(() -> connections.find(kept.id()))).isEmpty();
        assertThat(admin(() -> runs.nextRun(kept.id()))).isEmpty();
        assertThat(coreRecords()).as("kept, unlinked").isEqualTo(records);
        assertThat(db.fetchCount(
                        IDENTITY_LINK, IDENTITY_LINK.CONNECTION_ID.eq(kept.id().value())))
                .isZero();
        assertThat(admin(() -> audit.entriesFor("connection", kept.id().toString(), 1)))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("connection.deleted");
                    assertThat(entry.details()).containsEntry("records", "kept");
                });

        Connection removed = active("Takes its records along");
        awaitFirstSync(removed);
        assertThat(coreRecords()).isEqualTo(2 * records);
        admin(() -> changes.delete(removed.id(), removed.version(), true));
        assertThat(coreRecords())
                .as("only the deleted connection's records went")
                .isEqualTo(records);
    }

    @Test
    void aDraftIsDiscardedAndAnActiveConnectionIsNot() {
        Connection draft = admin(() -> connections.startSetup(ConnectionFixtures.TEMPLATE));
        admin(() -> changes.discard(draft.id(), draft.version()));
        assertThat(admin(() -> connections.find(draft.id()))).isEmpty();
        assertThat(admin(() -> audit.entriesFor("connection", draft.id().toString(), 1)))
                .singleElement()
                .extracting(AuditEntry::action)
                .isEqualTo("connection.discarded");

        Connection active = active("Active");
        assertThatThrownBy(() -> admin(() -> changes.discard(active.id(), active.version())))
                .isInstanceOf(InvalidSetupException.class)
                .hasMessageContaining("delete the connection");
    }

    @Test
    void ofTenAdminsRenamingOneConnectionAtOnceExactlyOneIsSavedAndTheRestAreToldToReload() throws Exception {
        Connection connection = active("Contested");
        var start = new CountDownLatch(1);
        List<CompletableFuture<String>> attempts = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                String name = "Name " + i;
                attempts.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                                admin(() -> changes.rename(connection.id(), connection.version(), name));
                                return name;
                            } catch (StaleConnectionException e) {
                                return "stale";
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            start.countDown();
        }
        List<String> outcomes = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(outcomes).filteredOn(o -> !o.equals("stale")).hasSize(1);
        String winner =
                outcomes.stream().filter(o -> !o.equals("stale")).findFirst().orElseThrow();
        assertThat(admin(() -> connections.find(connection.id()).orElseThrow().name()))
                .isEqualTo(winner);
        assertThat(admin(() -> audit.entriesFor("connection", connection.id().toString(), 20)))
                .filteredOn(entry -> entry.action().equals("connection.renamed"))
                .hasSize(1);
    }

    @Test
    void anotherTenantsAdminCanNeitherChangeNorDeleteIt() {
        Connection connection = active("Ours");
        Tenant other = TenantFixtures.tenantWithAdmin(tenants, encoder, "Other Co");
        Actors.as(other.id(), Role.CUSTOMER_ADMIN, () -> {
            assertThatThrownBy(() -> changes.rename(connection.id(), connection.version(), "Theirs now"))
                    .isInstanceOf(InvalidSetupException.class)
                    .hasMessageContaining("There is no connection");
            assertThatThrownBy(() -> changes.delete(connection.id(), connection.version(), true))
                    .isInstanceOf(InvalidSetupException.class)
                    .hasMessageContaining("There is no connection");
            assertThatThrownBy(() -> changes.discard(connection.id(), connection.version()))
                    .isInstanceOf(InvalidSetupException.class);
        });
        assertThatThrownBy(() -> Actors.as(
                        tenant.id(),
                        Role.SUPPORT_AGENT,
                        () -> changes.delete(connection.id(), connection.version(), false)))
                .as("support operates connections, it does not delete them")
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(admin(() -> connections.find(connection.id()).orElseThrow().name()))
                .isEqualTo("Ours");
    }

    private Connection active(String name) {
        return ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), name);
    }

    private void awaitFirstSync(Connection connection) {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> admin(() -> runs.recentRuns(connection.id(), 1)).stream()
                        .anyMatch(run -> run.status().finished()));
    }

    private AuditEntry latestAudit(Connection connection) {
        return admin(() -> audit.entriesFor("connection", connection.id().toString(), 1))
                .getFirst();
    }

    private int coreRecords() {
        return db.fetchCount(CORE_RECORD, CORE_RECORD.TENANT_ID.eq(tenant.id().value()));
    }

    private <T> T admin(Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private void admin(Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
