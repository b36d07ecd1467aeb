package io.patchbay.connection;

import static io.patchbay.db.Tables.CONNECTION;
import static io.patchbay.db.Tables.STREAM_CHECKPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.audit.AuditEntry;
import io.patchbay.audit.AuditService;
import io.patchbay.catalog.Upgrade;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A connection on an older connector version moves to the next one: settings migrated, tested, position kept. */
@IntegrationTest
class ConnectorUpgradeIT {

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
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Upgrade Co " + UUID.randomUUID());
    }

    @Test
    void aVersion1ConnectionIsUpgradedWithItsSettingsCarriedOverAndItsSyncPositionKept() {
        Connection connection = activeOnVersion1(crm.baseUrl());
        String checkpoint = checkpoint(connection.id());

        Upgrade upgrade = as(Role.SUPPORT_AGENT, () -> lifecycle.availableUpgrade(find(connection.id())))
                .orElseThrow();
        assertThat(upgrade.to()).isEqualTo("sandbox-crm@2");
        assertThat(upgrade.notes()).contains("/v1");

        Connection upgraded = as(
                Role.CUSTOMER_ADMIN,
                () -> lifecycle.upgrade(connection.id(), find(connection.id()).version()));

        assertThat(upgraded.connector()).isEqualTo("sandbox-crm@2");
        assertThat(upgraded.setting("apiUrl")).isEqualTo(crm.apiUrl());
        assertThat(upgraded.settings().has("baseUrl")).isFalse();
        assertThat(upgraded.secretHints())
                .containsEntry("apiKey", connection.secretHints().get("apiKey"));
        assertThat(as(Role.CUSTOMER_ADMIN, () -> lifecycle.availableUpgrade(upgraded)))
                .isEmpty();
        assertThat(checkpoint(connection.id())).as("the sync position is kept").isEqualTo(checkpoint);

        as(Role.CUSTOMER_ADMIN, () -> crm.changeContacts(2));
        Run next = runNowAndWait(connection.id());
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(next.recordsRead()).as("carries on incrementally").isEqualTo(2);
        assertThat(
                        as(
                                        Role.CUSTOMER_ADMIN,
                                        () -> audit.entriesFor(
                                                "connection", connection.id().toString(), 20))
                                .stream()
                                .map(AuditEntry::action))
                .contains("connection.upgraded");
    }

    @Test
    void anUpgradeWhoseTestFailsChangesNothing() {
        // version 1 tolerates a trailing slash on the base URL; the migrated .../crm//v1 is refused by the API
        Connection connection = activeOnVersion1(crm.baseUrl() + "/");

        assertThatThrownBy(
                        () -> as(Role.CUSTOMER_ADMIN, () -> lifecycle.upgrade(connection.id(), connection.version())))
                .isInstanceOfSatisfying(InvalidSetupException.class, e -> {
                    assertThat(e.field()).isEqualTo("connection");
                    assertThat(e.getMessage()).contains("sandbox-crm@2").endsWith("Nothing was changed.");
                });
        Connection unchanged = find(connection.id());
        assertThat(unchanged.connector()).isEqualTo("sandbox-crm@1");
        assertThat(unchanged.setting("baseUrl")).isEqualTo(crm.baseUrl() + "/");
    }

    @Test
    void onlyThoseWhoSetConnectionsUpMayUpgradeThem() {
        Connection connection = activeOnVersion1(crm.baseUrl());
        assertThatThrownBy(() -> as(Role.SUPPORT_AGENT, () -> lifecycle.upgrade(connection.id(), connection.version())))
                .isInstanceOf(AccessDeniedException.class);
    }

    /** A connection as version 1 of the CRM connector left it: a base URL without /v1. */
    private Connection activeOnVersion1(String baseUrl) {
        Connection draft = as(Role.CUSTOMER_ADMIN, () -> {
            Connection created = connections.startSetup(ConnectionFixtures.TEMPLATE);
            return connections.saveDetails(
                    created.id(),
                    created.version(),
                    ConnectionFixtures.sandboxDetails("Old CRM", crm.apiUrl(), crm.apiKey()));
        });
        db.update(CONNECTION)
                .set(CONNECTION.CONNECTOR, "sandbox-crm@1")
                .set(CONNECTION.CONFIG, JSONB.valueOf("{\"baseUrl\": \"" + baseUrl + "\"}"))
                .where(CONNECTION.ID.eq(draft.id().value()))
                .execute();
        Connection active = as(Role.CUSTOMER_ADMIN, () -> lifecycle.activate(draft.id(), draft.version()));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> as(Role.CUSTOMER_ADMIN, () -> runs.recentRuns(active.id(), 1))
                        .get(0)
                        .status()
                        .finished());
        assertThat(as(Role.CUSTOMER_ADMIN, () -> runs.recentRuns(active.id(), 1))
                        .get(0)
                        .status())
                .isEqualTo(RunStatus.SUCCEEDED);
        return find(active.id());
    }

    private Run runNowAndWait(ConnectionId connection) {
        RunId id = as(Role.CUSTOMER_ADMIN, () -> runs.runNow(connection));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> as(Role.CUSTOMER_ADMIN, () -> runs.find(id))
                        .orElseThrow()
                        .status()
                        .finished());
        return as(Role.CUSTOMER_ADMIN, () -> runs.find(id)).orElseThrow();
    }

    private String checkpoint(ConnectionId connection) {
        return db.select(STREAM_CHECKPOINT.CURSOR)
                .from(STREAM_CHECKPOINT)
                .where(STREAM_CHECKPOINT.CONNECTION_ID.eq(connection.value()))
                .fetchSingle(STREAM_CHECKPOINT.CURSOR)
                .data();
    }

    private Connection find(ConnectionId id) {
        return as(Role.CUSTOMER_ADMIN, () -> connections.find(id)).orElseThrow();
    }

    private <T> T as(Role role, java.util.function.Supplier<T> work) {
        return Actors.as(tenant.id(), role, work);
    }
}
