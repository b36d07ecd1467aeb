package io.patchbay.connection;

import static io.patchbay.db.Tables.IDENTITY_LINK;
import static io.patchbay.db.Tables.QUARANTINED_RECORD;
import static io.patchbay.db.Tables.RUN_DAILY;
import static io.patchbay.db.Tables.STREAM_CHECKPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.patchbay.connection.WholeReads.WholeRead;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Validate everything reads the whole source as the first sync will, writing nothing: the records a change spoiled,
 * which sort last and so miss the sample, are each found and reported before activation.
 */
@IntegrationTest
class ValidateEverythingIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionValidation validation;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    @Test
    void everySpoiledRecordIsReportedAndNothingIsWritten() throws Exception {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Dry Run Co");
        int contacts = admin(tenant, crm::contactCount);
        admin(tenant, () -> crm.spoilEmails(20));
        Connection draft = admin(tenant, () -> {
            Connection started = connections.startSetup(ConnectionFixtures.TEMPLATE);
            return connections.saveDetails(
                    started.id(),
                    started.version(),
                    ConnectionFixtures.sandboxDetails("Dry CRM", crm.apiUrl(), crm.apiKey()));
        });

        ValidationReport sample = admin(tenant, () -> validation.validate(draft.id()));
        assertThat(sample.read()).startsWith("A sample: the first 100 records the source gives");
        assertThat(sample.notes()).anySatisfy(note -> assertThat(note).contains("Validate everything"));

        // asked for by several people at once: one read
        int askers = 4;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(askers);
        List<Future<WholeRead>> asked = new ArrayList<>();
        try {
            for (int i = 0; i < askers; i++) {
                asked.add(pool.submit((Callable<WholeRead>) () -> {
                    start.await();
                    return admin(tenant, () -> validation.validateEverything(draft.id()));
                }));
            }
            start.countDown();
            List<String> runs = new ArrayList<>();
            for (Future<WholeRead> each : asked) {
                runs.add(each.get().correlationId());
            }
            assertThat(runs).as("one read, however many asked").containsOnly(runs.getFirst());
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> admin(tenant, () -> validation.newestWholeRead(draft.id()))
                        .map(WholeRead::finished)
                        .orElse(false));
        WholeRead read =
                admin(tenant, () -> validation.newestWholeRead(draft.id())).orElseThrow();
        assertThat(read.failure()).isNull();
        assertThat(read.read()).isEqualTo(contacts);

        ValidationReport everything =
                admin(tenant, () -> validation.newest(draft.id())).orElseThrow();
        assertThat(everything.read())
                .isEqualTo("Every record the source gives (" + contacts + " records), read by run "
                        + read.correlationId() + ".");
        assertThat(everything.sampled()).isEqualTo(contacts);
        assertThat(everything.invalid()).isEqualTo(20);
        assertThat(everything.records())
                .hasSize(20)
                .allSatisfy(verdict ->
                        assertThat(verdict.problems()).containsExactly("/email: is not a valid email address"));
        assertThat(everything.passed())
                .as("20 of %d is more than the 5 %% allowed", contacts)
                .isFalse();

        // nothing written, no checkpoint moved, no chart counts it
        assertThat(db.fetchCount(
                        IDENTITY_LINK, IDENTITY_LINK.CONNECTION_ID.eq(draft.id().value())))
                .isZero();
        assertThat(db.fetchCount(
                        QUARANTINED_RECORD,
                        QUARANTINED_RECORD.CONNECTION_ID.eq(draft.id().value())))
                .isZero();
        assertThat(db.fetchCount(
                        STREAM_CHECKPOINT,
                        STREAM_CHECKPOINT.CONNECTION_ID.eq(draft.id().value())))
                .isZero();
        assertThat(db.fetchCount(
                        RUN_DAILY, RUN_DAILY.CONNECTION_ID.eq(draft.id().value())))
                .isZero();
        assertThat(admin(
                        tenant, () -> connections.find(draft.id()).orElseThrow().state()))
                .isEqualTo(ConnectionState.DRAFT);
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
