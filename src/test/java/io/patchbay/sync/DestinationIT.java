package io.patchbay.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.RecordProblem;
import io.patchbay.sandbox.SandboxContact;
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
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A destination writes the core store's contacts to the sandbox CRM as they change: each is checked against what the
 * CRM accepts before it is sent, and what fails the check or what the CRM refuses (in its own words) waits in
 * quarantine, the run ending Succeeded with quarantine; fixed where they came from and reprocessed, they are sent.
 */
@IntegrationTest
class DestinationIT {

    private static final String TEMPLATE = "sandbox-crm-send-contacts";

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
    Quarantine quarantine;

    @Autowired
    SandboxCrm crm;

    @Autowired
    CoreStoreRepository coreStore;

    @Autowired
    TransactionTemplate tx;

    private Tenant tenant;
    private RunFixtures runFixtures;
    private final String token = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void newTenant() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Destination Co");
        runFixtures = new RunFixtures(runs, tenant.id());
    }

    @Test
    void contactsAreCheckedBeforeTheyAreSentAndWhatTheCrmRefusesWaitsInQuarantineWithItsWords() {
        // where the core records come from does not matter here: a draft holds their links
        Connection holder = admin(() -> connections.startSetup("csv-upload"));
        Connection destination = admin(() -> {
            Connection draft = connections.startSetup(TEMPLATE);
            Connection saved = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    ConnectionFixtures.sandboxDetails("Contacts to the CRM", crm.apiUrl(), crm.apiKey()));
            Connection scheduled = connections.saveSchedule(draft.id(), saved.version(), 1440);
            return lifecycle.activate(draft.id(), scheduled.version());
        });
        runFixtures.awaitNewestFinished(destination.id());

        String ada = "ada." + token + "@example.com";
        String bob = "bob." + token + "@example.com";
        String cy = "cy." + token + "@example.com";
        String longName = "Featherstonehaugh-Cholmondeley-Marjoribanks-" + token;
        write(holder, contact("1", "Ada", "Lovelace", ada, "Analytical Engines"));
        write(holder, contact("2", "Bob", "Nocompany", bob, null));
        write(holder, contact("3", "Cy", longName, cy, "Initech"));

        Run run = runFixtures.runNowAndWait(destination.id());
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED_WITH_QUARANTINE);
        assertThat(run.recordsQuarantined()).isEqualTo(2);
        assertThat(crmEmails()).contains(ada).doesNotContain(bob, cy);

        QuarantineFilter ofDestination = QuarantineFilter.of(destination.id());
        List<QuarantinedRecord> waiting = admin(() -> quarantine.records(ofDestination, null, 10));
        assertThat(waiting).hasSize(2);
        QuarantinedRecord unchecked = waiting.stream()
                .filter(r -> r.raw().path("email").asString().equals(bob))
                .findFirst()
                .orElseThrow();
        assertThat(unchecked.problems()).extracting(RecordProblem::pointer).containsExactly("/company");
        QuarantinedRecord refused = waiting.stream()
                .filter(r -> r.raw().path("email").asString().equals(cy))
                .findFirst()
                .orElseThrow();
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(RecordProblem.Kind.DESTINATION);
            assertThat(problem.reason())
                    .isEqualTo("Sandbox CRM refused a record (HTTP 422): last_name is longer than the 40"
                            + " characters this CRM keeps");
        });
        // a record from the core store is fixed where it came from, not edited here
        assertThat(admin(() -> quarantine.editable(destination.id()))).isFalse();
        assertThatThrownBy(() -> admin(() ->
                        quarantine.saveAndReprocess(refused.id(), refused.raw().toString())))
                .isInstanceOf(InvalidEditException.class)
                .hasMessageContaining("comes from the core store");

        // fixed at their source, then reprocessed: both sent, the quarantine empty
        write(holder, contact("2", "Bob", "Nocompany", bob, "Hooli"));
        write(holder, contact("3", "Cy", "Cholmondeley", cy, "Initech"));
        assertThat(admin(() -> quarantine.reprocess(ofDestination, null))).isEqualTo(2);
        runFixtures.awaitIdle(destination.id());
        Run reprocess = runFixtures.newest(destination.id());
        assertThat(reprocess.trigger()).isEqualTo(RunTrigger.REPROCESS);
        assertThat(reprocess.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(admin(() -> quarantine.count(ofDestination))).isZero();
        assertThat(crmEmails()).contains(ada, bob, cy);

        // nothing changed since: the next run sends nothing again
        Run again = runFixtures.runNowAndWait(destination.id());
        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.recordsRead()).isZero();
    }

    private List<String> crmEmails() {
        return admin(() -> crm.recentlyChanged(1000)).stream()
                .map(SandboxContact::email)
                .toList();
    }

    private void write(Connection holder, MappedRecord record) {
        CurrentTenant.callAs(
                tenant.id(),
                () -> tx.execute(
                        s -> coreStore.upsert(holder.id(), "contact", List.of(record), IdentityRules.NONE, "test")));
    }

    private static MappedRecord contact(String id, String first, String last, String email, String company) {
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("firstName", first)
                .put("lastName", last)
                .put("email", email);
        if (company != null) {
            data.put("company", company);
        }
        return new MappedRecord(id, data, List.of());
    }

    private <T> T admin(Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
