package io.patchbay.sync;

import static io.patchbay.db.Tables.CORE_RECORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionMappings;
import io.patchbay.connection.ConnectionService;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Bad records never fail a sync and are never dropped: they wait in quarantine, grouped by reason, until a person
 * fixes one by editing it or the rest by fixing the mapping and reprocesses them, or discards them; a record fixed at
 * the source leaves quarantine on the next sync.
 */
@IntegrationTest
class QuarantineIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    ConnectionMappings mappings;

    @Autowired
    RunService runs;

    @Autowired
    Quarantine quarantine;

    @Autowired
    HealthService health;

    @Autowired
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    private Tenant tenant;

    private RunFixtures runFixtures;

    @BeforeEach
    void newTenant() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Quarantine Co");
        runFixtures = new RunFixtures(runs, tenant.id());
    }

    @Test
    void badRecordsWaitInQuarantineAndLeaveItFixedByAnEditOrTheMappingThenReprocessed() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM contacts");
        int contacts = admin(crm::contactCount);
        runFixtures.awaitNewestFinished(connection.id());

        List<Long> spoiled = admin(() -> crm.spoilEmails(5));
        Run sync = runFixtures.runNowAndWait(connection.id());
        assertThat(sync.status()).isEqualTo(RunStatus.SUCCEEDED_WITH_QUARANTINE);
        assertThat(sync.recordsRead()).isEqualTo(5);
        assertThat(sync.recordsQuarantined()).isEqualTo(5);
        assertThat(sync.errorMessage()).startsWith("5 records were quarantined, e.g. record ");
        assertThat(coreRecords()).isEqualTo(contacts);

        QuarantineFilter ofConnection = QuarantineFilter.of(connection.id());
        List<QuarantineGroup> groups = admin(() -> quarantine.groups(ofConnection));
        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.records()).isEqualTo(5);
            assertThat(group.field()).isEqualTo("/email");
            assertThat(group.kind()).isEqualTo(RecordProblem.Kind.FORMAT);
        });
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.DEGRADED);

        // one fixed by editing it: an edit that is not JSON, or still not valid, is refused and saves nothing
        QuarantinedRecord first =
                admin(() -> quarantine.records(ofConnection, null, 10)).getFirst();
        assertThat(first.raw().path("email").asString()).contains("(at)");
        assertThat(first.correlationId()).isEqualTo(sync.correlationId());
        assertThatThrownBy(() -> admin(() -> quarantine.saveAndReprocess(first.id(), "{\"email\": ")))
                .isInstanceOf(InvalidEditException.class)
                .hasMessageContaining("Not JSON");
        assertThatThrownBy(() -> admin(() ->
                        quarantine.saveAndReprocess(first.id(), first.raw().toString())))
                .isInstanceOf(InvalidEditException.class)
                .hasMessageContaining("Still not valid: /email");
        String edited = first.raw().toString().replace("(at)", "@");
        admin(() -> quarantine.saveAndReprocess(first.id(), edited));
        runFixtures.awaitIdle(connection.id());
        assertThat(admin(() -> quarantine.count(ofConnection))).isEqualTo(4);
        assertThat(admin(() -> quarantine.find(first.id())).orElseThrow().status())
                .isEqualTo(QuarantinedRecord.Status.REPROCESSED);

        // the rest by fixing the mapping, then reprocessing all of them
        Connection current = admin(() -> connections.find(connection.id())).orElseThrow();
        admin(() -> mappings.save(
                connection.id(), current.version(), ConnectionFixtures.MAPPING_FIXING_SPOILED_RECORDS, List.of()));
        assertThat(admin(() -> quarantine.reprocess(ofConnection, null))).isEqualTo(4);
        runFixtures.awaitIdle(connection.id());
        Run reprocess = runFixtures.newest(connection.id());
        assertThat(reprocess.trigger()).isEqualTo(RunTrigger.REPROCESS);
        assertThat(reprocess.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(admin(() -> quarantine.count(ofConnection))).isZero();
        assertThat(coreRecords()).isEqualTo(contacts);
        assertThat(db.fetchCount(
                        CORE_RECORD,
                        CORE_RECORD.TENANT_ID.eq(tenant.id().value()),
                        org.jooq
                                .impl
                                .DSL
                                .field("data ->> 'email'", String.class)
                                .contains("(at)")))
                .isZero();
        HealthFixtures.awaitHealth(health, tenant.id(), connection.id(), HealthStatus.CONNECTED);
        assertThat(admin(() -> audit.entriesFor("connection", connection.id().toString(), 20)))
                .extracting(io.patchbay.audit.AuditEntry::action)
                .contains("connection.quarantine_edited", "connection.quarantine_reprocessed");
        assertThat(spoiled).hasSize(5);
    }

    @Test
    void aRecordFixedAtTheSourceLeavesQuarantineAndOneDiscardedLeavesWithTheReason() {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM contacts");
        runFixtures.awaitNewestFinished(connection.id());
        List<Long> spoiled = admin(() -> crm.spoilEmails(2));
        runFixtures.runNowAndWait(connection.id());
        QuarantineFilter ofConnection = QuarantineFilter.of(connection.id());
        assertThat(admin(() -> quarantine.count(ofConnection))).isEqualTo(2);

        admin(() -> crm.setEmail(spoiled.getFirst(), "fixed.at.source@example.com"));
        Run again = runFixtures.runNowAndWait(connection.id());
        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(admin(() -> quarantine.count(ofConnection))).isOne();

        assertThatThrownBy(() -> admin(() -> quarantine.discard(ofConnection, null, "no")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(admin(() -> quarantine.discard(ofConnection, null, "A test contact nobody needs")))
                .isOne();
        assertThat(admin(() -> quarantine.count(ofConnection))).isZero();
        assertThat(admin(() -> quarantine.groups(ofConnection))).isEmpty();
    }

    @Test
    void peopleReprocessingAtOnceGetOneRunAndEachRecordAppliedOnce() throws Exception {
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM contacts");
        int contacts = admin(crm::contactCount);
        runFixtures.awaitNewestFinished(connection.id());
        admin(() -> crm.spoilEmails(10));
        runFixtures.runNowAndWait(connection.id());
        Connection current = admin(() -> connections.find(connection.id())).orElseThrow();
        admin(() -> mappings.save(
                connection.id(), current.version(), ConnectionFixtures.MAPPING_FIXING_SPOILED_RECORDS, List.of()));

        int people = 6;
        var start = new CountDownLatch(1);
        List<Future<Integer>> requested = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(people)) {
            for (int i = 0; i < people; i++) {
                Role role = i % 2 == 0 ? Role.CUSTOMER_ADMIN : Role.SUPPORT_AGENT;
                requested.add(pool.submit(() -> {
                    start.await();
                    return Actors.as(
                            tenant.id(), role, () -> quarantine.reprocess(QuarantineFilter.of(connection.id()), null));
                }));
            }
            start.countDown();
            for (Future<Integer> each : requested) {
                assertThat(each.get()).isBetween(0, 10);
            }
        }
        runFixtures.awaitIdle(connection.id());
        assertThat(admin(() -> quarantine.count(QuarantineFilter.of(connection.id()))))
                .isZero();
        assertThat(coreRecords()).isEqualTo(contacts);
        List<Run> reprocessRuns = admin(() -> runs.recentRuns(connection.id(), 20)).stream()
                .filter(run -> run.trigger() == RunTrigger.REPROCESS && run.status() != RunStatus.CANCELLED)
                .toList();
        assertThat(reprocessRuns.stream().mapToInt(Run::recordsRead).sum())
                .as("each record taken up once across the reprocess runs")
                .isEqualTo(10);
        // the core records had these emails before they were spoiled, and have them again
        assertThat(db.fetchCount(
                        CORE_RECORD,
                        CORE_RECORD.TENANT_ID.eq(tenant.id().value()),
                        org.jooq
                                .impl
                                .DSL
                                .field("data ->> 'email'", String.class)
                                .contains("(at)")))
                .isZero();
    }

    private <T> T admin(Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private void admin(Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private int coreRecords() {
        return db.fetchCount(CORE_RECORD, CORE_RECORD.TENANT_ID.eq(tenant.id().value()));
    }
}
