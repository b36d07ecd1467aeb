package io.patchbay.connection;

import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.QUARANTINED_RECORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.audit.AuditService;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.ObjectMapper;

/**
 * A connection's own mapping, edited against live samples from its source: previewed record by record, refused when
 * it does not compile or drops a required field, and used by the next sync once saved.
 */
@IntegrationTest
class ConnectionMappingsIT {

    private static final String UPPER_COMPANY = """
            {
              "firstName": .first_name,
              "lastName": .last_name,
              "email": normalize-email(.email),
              "company": uppercase(.company)
            }""";

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
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    @Autowired
    ObjectMapper json;

    @Test
    void aMappingIsPreviewedOnLiveSamplesSavedAndUsedByTheNextSync() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Mapping Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM");
        awaitFinished(tenant, connection);

        List<SourceRecord> samples = admin(tenant, () -> mappings.samples(connection.id()));
        assertThat(samples).hasSize(ConnectionMappings.SAMPLES);
        var current = admin(tenant, () -> mappings.current(connection));
        assertThat(current.own()).isFalse();
        assertThat(current.entity()).isEqualTo("contact");

        var broken = admin(tenant, () -> mappings.preview(connection, "{\n  \"firstName\" .first_name\n}", samples));
        assertThat(broken.error()).isNotNull();
        assertThat(broken.error().line()).isEqualTo(2);

        var noEmail = admin(
                tenant,
                () -> mappings.preview(connection, "{\"firstName\": .first_name, \"lastName\": .last_name}", samples));
        assertThat(noEmail.dropped()).containsExactly("/email");
        assertThatThrownBy(() -> admin(
                        tenant,
                        () -> mappings.save(
                                connection.id(),
                                connection.version(),
                                "{\"firstName\": .first_name, \"lastName\": .last_name}",
                                samples)))
                .isInstanceOfSatisfying(
                        InvalidSetupException.class, e -> assertThat(e.field()).isEqualTo("mapping"))
                .hasMessageContaining("/email");

        // a wrong type for every record is the mapping's fault, not the data's: refused too
        String emailAsNumber = "{\"firstName\": .first_name, \"lastName\": .last_name, \"email\": 42}";
        assertThat(admin(tenant, () -> mappings.preview(connection, emailAsNumber, samples))
                        .fitsNone())
                .isTrue();
        assertThatThrownBy(() -> admin(
                        tenant, () -> mappings.save(connection.id(), connection.version(), emailAsNumber, samples)))
                .isInstanceOfSatisfying(
                        InvalidSetupException.class, e -> assertThat(e.field()).isEqualTo("mapping"))
                .hasMessageContaining("No sample record fits");

        var upper = admin(tenant, () -> mappings.preview(connection, UPPER_COMPANY, samples));
        assertThat(upper.error()).isNull();
        assertThat(upper.dropped()).isEmpty();
        SourceRecord first = samples.getFirst();
        assertThat(upper.samples().getFirst().mapped().data().path("company").asString())
                .isEqualTo(first.data().path("company").asString().toUpperCase(java.util.Locale.ROOT));

        Connection saved =
                admin(tenant, () -> mappings.save(connection.id(), connection.version(), UPPER_COMPANY, samples));
        assertThat(saved.mapping()).isEqualTo(UPPER_COMPANY.strip());
        assertThat(admin(
                                tenant,
                                () -> audit.entriesFor(
                                        "connection", connection.id().toString(), 1))
                        .getFirst()
                        .action())
                .isEqualTo("connection.mapping_changed");

        // the next sync applies it to what it reads: the changed contacts come in with their company in capitals
        admin(tenant, () -> crm.changeContacts(3));
        RunId run = admin(tenant, () -> runs.runNow(connection.id()));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> admin(tenant, () -> runs.find(run))
                        .orElseThrow()
                        .status()
                        .finished());
        List<String> companies = db.select(CORE_RECORD.DATA)
                .from(CORE_RECORD)
                .where(CORE_RECORD.TENANT_ID.eq(tenant.id().value()))
                .orderBy(CORE_RECORD.UPDATED_AT.desc())
                .limit(3)
                .fetch(r -> json.readTree(r.value1().data()).path("company").asString(""));
        assertThat(companies).allSatisfy(company -> assertThat(company).isEqualTo(company.toUpperCase()));

        Connection reverted = admin(tenant, () -> mappings.save(connection.id(), saved.version(), null, samples));
        assertThat(reverted.mapping()).isNull();
        assertThat(admin(tenant, () -> mappings.current(reverted)).own()).isFalse();
    }

    @Test
    void aMappingPastItsBudgetIsStoppedInThePreviewAndItsRecordsWaitInQuarantine() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Budget Co");
        Connection connection = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM");
        awaitFinished(tenant, connection);
        List<SourceRecord> samples = admin(tenant, () -> mappings.samples(connection.id()));

        // work that doubles with each call: seconds a record without a budget
        String doubling = """
                def f(n) if ($n > 0) f($n - 1) + f($n - 1) else 1
                {"firstName": .first_name, "lastName": .last_name, "email": .email, "company": string(f(40))}""";
        var stopped = admin(tenant, () -> mappings.preview(connection, doubling, samples));
        assertThat(stopped.error()).isNotNull();
        assertThat(stopped.error().getMessage())
                .startsWith("Sample 1 of 20: The mapping was stopped on this record: it took more than its steps");
        assertThatThrownBy(() ->
                        admin(tenant, () -> mappings.save(connection.id(), connection.version(), doubling, samples)))
                .isInstanceOfSatisfying(
                        InvalidSetupException.class, e -> assertThat(e.field()).isEqualTo("mapping"))
                .hasMessageContaining("was stopped");

        // a mapping that runs away only on records changed from now on passes the samples, and a sync quarantines
        // just those, with the budget as the reason
        String newest = samples.stream()
                .map(sample -> sample.data().path("updated_at").asString())
                .max(String::compareTo)
                .orElseThrow();
        String laterOnly = """
                def f(n) if ($n > 0) f($n - 1) + f($n - 1) else 1
                {"firstName": .first_name, "lastName": .last_name, "email": .email,
                 "company": if (.updated_at > "%s") string(f(40)) else .company}""".formatted(newest);
        admin(tenant, () -> mappings.save(connection.id(), connection.version(), laterOnly, samples));
        admin(tenant, () -> crm.changeContacts(3));
        RunId run = admin(tenant, () -> runs.runNow(connection.id()));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> admin(tenant, () -> runs.find(run))
                        .orElseThrow()
                        .status()
                        .finished());
        assertThat(admin(tenant, () -> runs.find(run)).orElseThrow().recordsQuarantined())
                .isEqualTo(3);
        assertThat(db.select(QUARANTINED_RECORD.REASON)
                        .from(QUARANTINED_RECORD)
                        .where(QUARANTINED_RECORD.TENANT_ID.eq(tenant.id().value()))
                        .fetch(QUARANTINED_RECORD.REASON))
                .hasSize(3)
                .allSatisfy(reason -> assertThat(reason).startsWith("The mapping was stopped on this record"));
    }

    private void awaitFinished(Tenant tenant, Connection connection) {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> admin(tenant, () -> runs.recentRuns(connection.id(), 1)).stream()
                        .anyMatch(run -> run.status().finished()));
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private static void admin(Tenant tenant, Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
