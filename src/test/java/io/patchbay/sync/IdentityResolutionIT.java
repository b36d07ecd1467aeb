package io.patchbay.sync;

import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.IDENTITY_LINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditService;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.RunFixtures;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.internal.CoreStoreRepository;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import io.patchbay.validation.IdentityRules;
import io.patchbay.validation.MatchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records of one person from two connections become one core record when a template's match rule says so; what a
 * rule cannot decide alone waits in the review list, where a person links, merges, keeps apart or unlinks, each
 * previewed first and done whole or not at all.
 */
@IntegrationTest
class IdentityResolutionIT {

    private static final IdentityRules BY_EMAIL =
            new IdentityRules(List.of(new MatchRule(MatchRule.Kind.EMAIL, "email")));

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
    SandboxCrm crm;

    @Autowired
    CoreStoreRepository coreStore;

    @Autowired
    IdentityConflicts conflicts;

    @Autowired
    AuditService audit;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DSLContext db;

    private Tenant tenant;
    private Connection crmA;
    private Connection crmB;
    private final String token = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void twoConnections() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Identity Co");
        crmA = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM A");
        crmB = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "CRM B");
        var runFixtures = new RunFixtures(runs, tenant.id());
        runFixtures.awaitNewestFinished(crmA.id());
        runFixtures.awaitNewestFinished(crmB.id());
    }

    @Test
    void aRecordWithTheSameNormalisedEmailFromAnotherConnectionIsTheSameCoreRecord() {
        write(
                crmA,
                "contact",
                BY_EMAIL,
                record("a-1", person("Ada", "ada." + token + "@example.com").put("phone", "+1 555")));
        write(
                crmB,
                "contact",
                BY_EMAIL,
                record("b-1", person("Ada", "  ADA." + token + "@Example.com ").put("title", "CTO")));

        UUID core = coreOf(crmA, "a-1");
        assertThat(coreOf(crmB, "b-1")).isEqualTo(core);
        var data = data(core);
        assertThat(data.path("phone").asString()).isEqualTo("+1 555");
        assertThat(data.path("title").asString()).isEqualTo("CTO");
        assertThat(admin(() -> conflicts.count())).isZero();

        // without a rule, the identity link alone: a record of its own
        write(crmB, "contact", IdentityRules.NONE, contact("b-2", "Ada", "ada." + token + "@example.com"));
        assertThat(coreOf(crmB, "b-2")).isNotEqualTo(core);
    }

    @Test
    void whatARuleCannotDecideWaitsForReviewAndMergeAndLinkMakeOneRecord() {
        String email = "grace." + token + "@example.com";
        // two records of one connection with one email: the second is not silently the first
        write(
                crmA,
                "contact",
                BY_EMAIL,
                record("a-1", person("Grace", email).put("phone", "+1 111")),
                contact("a-2", "Grace", email));
        // and a record of another connection matching both
        write(crmB, "contact", BY_EMAIL, record("b-1", person("Grace", email).put("title", "Admiral")));
        UUID first = coreOf(crmA, "a-1");
        UUID second = coreOf(crmA, "a-2");
        UUID third = coreOf(crmB, "b-1");
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();

        List<IdentityConflict> open = admin(() -> conflicts.open(10));
        assertThat(open).hasSize(2);
        IdentityConflict claimed = open.get(0);
        assertThat(claimed.externalId()).isEqualTo("a-2");
        assertThat(claimed.claimed()).isTrue();
        assertThat(claimed.reason())
                .isEqualTo("Another record from the same connection has the same email (ignoring case): " + email);
        assertThat(claimed.candidates()).extracting(CoreRecordView::coreId).containsExactly(first);
        IdentityConflict ambiguous = open.get(1);
        assertThat(ambiguous.externalId()).isEqualTo("b-1");
        assertThat(ambiguous.reason()).isEqualTo("Matches 2 records by the same email (ignoring case): " + email);

        // a preview changes nothing
        IdentityPreview preview = admin(() -> conflicts.preview(claimed.id(), first, IdentityConflicts.Action.MERGE));
        assertThat(preview.links()).extracting(CoreRecordView.Link::externalId).containsExactly("a-1", "a-2");
        assertThat(preview.data().path("phone").asString()).isEqualTo("+1 111");
        assertThat(preview.removed().coreId()).isEqualTo(second);
        assertThat(exists(second)).isTrue();

        admin(() -> conflicts.resolve(claimed.id(), first, IdentityConflicts.Action.MERGE));
        assertThat(exists(second)).isFalse();
        assertThat(coreOf(crmA, "a-2")).isEqualTo(first);
        // the other conflict now names the merged record once
        IdentityConflict left = admin(() -> conflicts.open(10)).getFirst();
        assertThat(left.candidates()).extracting(CoreRecordView::coreId).containsExactly(first);

        admin(() -> conflicts.resolve(left.id(), first, IdentityConflicts.Action.LINK));
        assertThat(exists(third)).isFalse();
        assertThat(coreOf(crmB, "b-1")).isEqualTo(first);
        assertThat(data(first).path("title").asString()).isEqualTo("Admiral");
        assertThat(admin(() -> conflicts.count())).isZero();
        assertThat(admin(() -> audit.entriesFor("connection", crmA.id().toString(), 20)))
                .extracting(entry -> entry.action())
                .contains("connection.identity_merged");
        assertThat(admin(() -> audit.entriesFor("connection", crmB.id().toString(), 20)))
                .extracting(entry -> entry.action())
                .contains("connection.identity_linked");

        // a wrong match undone: b-1 becomes a record of its own again
        IdentityPreview unlinking = admin(() -> conflicts.previewUnlink(first, crmB.id(), "b-1"));
        assertThat(unlinking.links())
                .extracting(CoreRecordView.Link::externalId)
                .containsExactly("a-1", "a-2");
        UUID own = admin(() -> conflicts.unlink(first, crmB.id(), "b-1"));
        assertThat(coreOf(crmB, "b-1")).isEqualTo(own);
        assertThatThrownBy(() -> admin(() -> conflicts.unlink(own, crmB.id(), "b-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to unlink from");
    }

    @Test
    void aRecordOfAnotherEntityIsNeverMergedAndNothingChanges() {
        String email = "hedy." + token + "@example.com";
        write(crmA, "contact", BY_EMAIL, contact("a-1", "Hedy", email), contact("a-2", "Hedy", email));
        write(
                crmA,
                "company",
                IdentityRules.NONE,
                record("co-1", JsonNodeFactory.instance.objectNode().put("name", "Hedy Inc")));
        IdentityConflict conflict = admin(() -> conflicts.open(10)).getFirst();
        UUID company = coreOf(crmA, "co-1");
        int records = db.fetchCount(CORE_RECORD);

        assertThatThrownBy(() -> admin(() -> conflicts.resolve(conflict.id(), company, IdentityConflicts.Action.MERGE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A contact cannot be merged with a company: records of different entities are never one."
                        + " Nothing was changed.");
        assertThat(db.fetchCount(CORE_RECORD)).isEqualTo(records);
        assertThat(admin(() -> conflicts.find(conflict.id()))).isPresent();

        admin(() -> conflicts.keepApart(conflict.id()));
        assertThat(admin(() -> conflicts.count())).isZero();
        assertThatThrownBy(() -> admin(() -> conflicts.keepApart(conflict.id())))
                .hasMessage("This conflict is settled already.");
    }

    @Test
    void twoConnectionsSyncingTheSamePeopleAtOnceMakeOneRecordEach() throws Exception {
        int people = 25;
        var barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Connection connection : List.of(crmA, crmB)) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < people; i++) {
                        barrier.await();
                        write(
                                connection,
                                "contact",
                                BY_EMAIL,
                                contact("p-" + i, "Pat", "pat" + i + "." + token + "@example.com"));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < people; i++) {
            assertThat(coreOf(crmB, "p-" + i)).isEqualTo(coreOf(crmA, "p-" + i));
        }
        assertThat(admin(() -> conflicts.count())).isZero();
    }

    private void write(Connection connection, String entity, IdentityRules rules, MappedRecord... records) {
        CurrentTenant.callAs(
                tenant.id(),
                () -> tx.execute(
                        s -> coreStore.upsert(connection.id(), entity, List.of(records), rules, "identity-test")));
    }

    private static MappedRecord contact(String externalId, String firstName, String email) {
        return record(externalId, person(firstName, email));
    }

    private static ObjectNode person(String firstName, String email) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("firstName", firstName)
                .put("lastName", "Test")
                .put("email", email);
    }

    private static MappedRecord record(String externalId, ObjectNode data) {
        return new MappedRecord(externalId, data, List.of());
    }

    private UUID coreOf(Connection connection, String externalId) {
        return db.select(IDENTITY_LINK.CORE_ID)
                .from(IDENTITY_LINK)
                .where(
                        IDENTITY_LINK.CONNECTION_ID.eq(connection.id().value()),
                        IDENTITY_LINK.EXTERNAL_ID.eq(externalId))
                .fetchSingle()
                .value1();
    }

    private tools.jackson.databind.JsonNode data(UUID core) {
        return tools.jackson.databind.json.JsonMapper.shared()
                .readTree(db.select(CORE_RECORD.DATA)
                        .from(CORE_RECORD)
                        .where(CORE_RECORD.CORE_ID.eq(core))
                        .fetchSingle()
                        .value1()
                        .data());
    }

    private boolean exists(UUID core) {
        return db.fetchExists(CORE_RECORD, CORE_RECORD.CORE_ID.eq(core));
    }

    private <T> T admin(Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private void admin(Runnable work) {
        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
