package io.patchbay.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditEntry;
import io.patchbay.audit.AuditService;
import io.patchbay.catalog.InvalidTemplateException;
import io.patchbay.catalog.StaleTemplateException;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateAudience;
import io.patchbay.catalog.TemplateChange;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A solutions engineer saves a working connection as a template, edits its draft (problems named by line), publishes
 * versions, applies one to another customer's tenant, and that tenant's connection upgrades to a newer version with
 * the settings the template locks, after a passing test.
 */
@IntegrationTest
class TemplateLibraryIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    ConnectionTemplates templates;

    @Autowired
    TemplateLibrary library;

    @Autowired
    ConnectionChanges changes;

    @Autowired
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Test
    void aConnectionBecomesATemplateThatIsPublishedAppliedElsewhereAndUpgradedWithLockedSettings() {
        Tenant source = TenantFixtures.tenantWithAdmin(tenants, encoder, "Template Source Co");
        Tenant target = TenantFixtures.tenantWithAdmin(tenants, encoder, "Template Target Co");
        Connection working = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, source.id(), "Source CRM", Map.of("pageSize", 200), 30);
        String id = "crm-" + System.nanoTime();

        TemplateDraft draft = engineer(source, () -> templates.saveAsTemplate(working.id(), id, "Our CRM setup"));
        assertThat(draft.published()).isZero();
        assertThat(draft.yaml())
                .contains("connector: sandbox-crm@2", "pageSize: 200", "minutes: 30", "\"firstName\": .first_name")
                .doesNotContain("apiKey");

        // the engineer locks the page size and publishes v1
        String locked = draft.yaml().replace("schedule:", "locked:\n- pageSize\nschedule:");
        TemplateDraft saved = engineer(source, () -> library.saveDraft(id, draft.revision(), locked));
        assertThatThrownBy(() -> engineer(source, () -> library.saveDraft(id, draft.revision(), locked)))
                .isInstanceOf(StaleTemplateException.class);
        assertThatThrownBy(() -> engineer(
                        source,
                        () -> library.publish(id, saved.revision(), "", io.patchbay.catalog.TemplateAudience.EVERYONE)))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("release notes");
        Template v1 = engineer(
                source,
                () -> library.publish(
                        id,
                        saved.revision(),
                        "First version: 200 per page.",
                        io.patchbay.catalog.TemplateAudience.EVERYONE));
        assertThat(v1.version()).isOne();
        assertThat(v1.locked()).containsExactly("pageSize");
        assertThat(engineer(source, () -> audit.entriesFor("template", id, 5)))
                .extracting(AuditEntry::action)
                .containsExactly("template.published", "template.draft_saved", "template.created");

        // applied to another customer: a draft there, the engineer working there, audited there with the reason
        Connection applied = engineer(source, () -> {
            Connection made = templates.apply(id, target.id(), "Onboarding call with Target Co");
            assertThat(made.tenantId()).isEqualTo(target.id());
            return made;
        });
        assertThat(applied.templateVersion()).isOne();
        assertThat(applied.settings().path("pageSize").asInt()).isEqualTo(200);
        assertThat(admin(target, () -> audit.entriesFor("tenant", target.id().toString(), 5)))
                .extracting(AuditEntry::action)
                .containsExactly("staff.entered");

        // the target's admin completes it; the locked page size cannot change
        Connection active = admin(target, () -> {
            assertThatThrownBy(() -> connections.saveDetails(
                            applied.id(),
                            applied.version(),
                            ConnectionFixtures.sandboxDetails(
                                    "Target CRM", crm.apiUrl(), crm.apiKey(), Map.of("pageSize", 500))))
                    .isInstanceOfSatisfying(
                            InvalidSetupException.class,
                            e -> assertThat(e.field()).isEqualTo("pageSize"))
                    .hasMessageContaining("locked by the template Our CRM setup (v1)");
            Connection details = connections.saveDetails(
                    applied.id(),
                    applied.version(),
                    ConnectionFixtures.sandboxDetails(
                            "Target CRM", crm.apiUrl(), crm.apiKey(), Map.of("pageSize", 200, "rateLimit", 40)));
            return lifecycle.activate(applied.id(), details.version());
        });
        assertThat(admin(target, () -> templates.availableUpgrade(active))).isEmpty();

        // v2 locks a larger page size; the target's own rate limit stays
        TemplateDraft next = engineer(source, () -> library.draft(id).orElseThrow());
        assertThat(next.yaml()).contains("version: 2");
        String v2yaml = next.yaml().replace("pageSize: 200", "pageSize: 250");
        TemplateDraft v2draft = engineer(source, () -> library.saveDraft(id, next.revision(), v2yaml));
        engineer(
                source,
                () -> library.publish(
                        id, v2draft.revision(), "Pages of 250.", io.patchbay.catalog.TemplateAudience.EVERYONE));

        var upgrade = admin(target, () -> templates.availableUpgrade(active)).orElseThrow();
        assertThat(upgrade.to().version()).isEqualTo(2);
        assertThat(upgrade.changes())
                .extracting(TemplateChange::what, TemplateChange::before, TemplateChange::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Setting pageSize", "200", "250"));
        Connection upgraded = admin(target, () -> templates.upgrade(active.id(), active.version()));
        assertThat(upgraded.templateVersion()).isEqualTo(2);
        assertThat(upgraded.settings().path("pageSize").asInt()).isEqualTo(250);
        assertThat(upgraded.settings().path("rateLimit").asInt())
                .as("the customer's own")
                .isEqualTo(40);
        assertThat(admin(
                        target, () -> audit.entriesFor("connection", active.id().toString(), 1)))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("connection.template_upgraded");
                    assertThat(entry.details())
                            .containsEntry("template", id + "@2")
                            .containsEntry("template.before", id + "@1")
                            .containsEntry("pageSize.before", "200");
                });
    }

    @Test
    void anUpgradeWhoseTestFailsChangesNothing() {
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Upgrade Refused Co");
        Connection working = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, customer.id(), "Upgrade CRM", Map.of(), 60);
        String id = "refused-" + System.nanoTime();
        TemplateDraft draft = engineer(customer, () -> templates.saveAsTemplate(working.id(), id, "Refused upgrade"));
        TemplateDraft v1 = engineer(customer, () -> library.saveDraft(id, draft.revision(), draft.yaml()));
        engineer(
                customer,
                () -> library.publish(
                        id, v1.revision(), "First version.", io.patchbay.catalog.TemplateAudience.EVERYONE));
        Connection applied = engineer(customer, () -> templates.apply(id, customer.id(), "A second CRM connection"));
        Connection active = admin(customer, () -> {
            Connection details = connections.saveDetails(
                    applied.id(),
                    applied.version(),
                    ConnectionFixtures.sandboxDetails("Upgraded CRM", crm.apiUrl(), crm.apiKey()));
            return lifecycle.activate(applied.id(), details.version());
        });

        // v2 locks an address the CRM does not answer at
        TemplateDraft next = engineer(customer, () -> library.draft(id).orElseThrow());
        assertThat(next.yaml()).contains("/sandbox/crm/v1");
        String broken = next.yaml()
                .replace("/sandbox/crm/v1", "/sandbox/crm/v9")
                .replace("schedule:", "locked:\n- apiUrl\nschedule:");
        TemplateDraft v2 = engineer(customer, () -> library.saveDraft(id, next.revision(), broken));
        engineer(
                customer,
                () -> library.publish(
                        id, v2.revision(), "A new address.", io.patchbay.catalog.TemplateAudience.EVERYONE));

        assertThatThrownBy(() -> admin(customer, () -> templates.upgrade(active.id(), active.version())))
                .isInstanceOfSatisfying(
                        InvalidSetupException.class, e -> assertThat(e.field()).isEqualTo("connection"))
                .hasMessageContaining("With version 2 of the template Test connection fails")
                .hasMessageEndingWith("Nothing was changed.");
        Connection after = admin(customer, () -> connections.find(active.id()).orElseThrow());
        assertThat(after.version()).isEqualTo(active.version());
        assertThat(after.templateVersion()).isOne();
        assertThat(after.settings()).isEqualTo(active.settings());
        assertThat(admin(
                        customer,
                        () -> audit.entriesFor("connection", active.id().toString(), 5)))
                .extracting(AuditEntry::action)
                .doesNotContain("connection.template_upgraded");
    }

    @Test
    void aDraftThatDoesNotFitItsConnectorIsRefusedNamingTheLine() {
        Tenant source = TenantFixtures.tenantWithAdmin(tenants, encoder, "Draft Co");
        Connection working = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, source.id(), "Draft CRM");
        String id = "draft-" + System.nanoTime();
        TemplateDraft draft = engineer(source, () -> templates.saveAsTemplate(working.id(), id, "Draft"));
        String unknownSetting = draft.yaml().replace("settings:\n", "settings:\n  colour: blue\n");
        assertThatThrownBy(() -> engineer(source, () -> library.saveDraft(id, draft.revision(), unknownSetting)))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> {
                    assertThat(e.line()).isEqualTo(lineOf(unknownSetting, "  colour: blue"));
                    assertThat(e.reason()).contains("has no setting 'colour'");
                });
        String badMapping = draft.yaml().replace("\"firstName\": .first_name,", "\"firstName\" .first_name,");
        assertThatThrownBy(() -> engineer(source, () -> library.saveDraft(id, draft.revision(), badMapping)))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("stream.mapping: Line 2");
        assertThatThrownBy(() -> engineer(
                        source, () -> library.saveDraft(id, draft.revision(), draft.yaml() + "\ncolour: blue\n")))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("colour");
        assertThat(engineer(source, () -> library.draft(id).orElseThrow().revision()))
                .isEqualTo(draft.revision());
        assertThatThrownBy(() -> engineer(source, () -> templates.saveAsTemplate(working.id(), id, "Again")))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("already");
        assertThatThrownBy(() ->
                        engineer(source, () -> templates.saveAsTemplate(working.id(), "sandbox-crm-contacts", "Mine")))
                .hasMessageContaining("shipped template");
    }

    @Test
    void aTemplatesYamlBecomesANewTemplateAndAnUnknownKeyIsRefusedNamingItsLine() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Yaml Template Co");
        String id = "pasted-" + System.nanoTime();
        String yaml = library.yaml(library.latest("sandbox-crm-contacts").orElseThrow())
                .replace("id: sandbox-crm-contacts", "id: " + id);
        TemplateDraft draft = engineer(tenant, () -> library.importYaml(yaml));
        assertThat(draft.id()).isEqualTo(id);
        assertThat(draft.yaml()).contains("\"firstName\": .first_name");
        String typo =
                yaml.replace("id: " + id, "id: " + id + "-2").replace("schedule:", "schedul:\n  minutes: 5\nschedule:");
        assertThatThrownBy(() -> engineer(tenant, () -> library.importYaml(typo)))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> {
                    assertThat(e.line()).isEqualTo(lineOf(typo, "schedul:"));
                    assertThat(e.reason()).contains("schedul");
                });
        assertThatThrownBy(() -> engineer(tenant, () -> library.importYaml(yaml)))
                .hasMessageContaining("already");
    }

    @Test
    void customerAdminsReadTemplatesButNeverWriteThem() {
        Tenant customer = TenantFixtures.tenantWithAdmin(tenants, encoder, "Reader Co");
        Connection working = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, customer.id(), "Mine");
        admin(customer, () -> {
            assertThat(library.gallery()).extracting(Template::id).contains("sandbox-crm-contacts");
            assertThatThrownBy(() -> templates.saveAsTemplate(working.id(), "mine-" + System.nanoTime(), "Mine"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(library::drafts).isInstanceOf(AccessDeniedException.class);
            return null;
        });
    }

    @Test
    void tenEngineersPublishingOneDraftAtOnceMakeOneVersion() throws Exception {
        Tenant source = TenantFixtures.tenantWithAdmin(tenants, encoder, "Race Co");
        Connection working = ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, source.id(), "Race CRM");
        String id = "race-" + System.nanoTime();
        TemplateDraft draft = engineer(source, () -> templates.saveAsTemplate(working.id(), id, "Race"));
        var start = new CountDownLatch(1);
        List<CompletableFuture<String>> attempts = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                attempts.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                                return "v"
                                        + engineer(
                                                        source,
                                                        () -> library.publish(
                                                                id,
                                                                draft.revision(),
                                                                "Once",
                                                                io.patchbay.catalog.TemplateAudience.EVERYONE))
                                                .version();
                            } catch (StaleTemplateException e) {
                                return "stale";
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            start.countDown();
        }
        assertThat(attempts.stream().map(CompletableFuture::join))
                .containsOnlyOnce("v1")
                .filteredOn(outcome -> !outcome.equals("v1"))
                .containsOnly("stale");
        assertThat(engineer(source, () -> library.versions(id))).hasSize(1);
    }

    private static int lineOf(String text, String line) {
        return List.of(text.split("\n", -1)).indexOf(line) + 1;
    }

    @Test
    void aTemplateIsOfferedOnlyToTheTenantsChosenWithNeutralWordsAndIsRetiredOnceNoConnectionUsesIt() {
        Tenant acme = TenantFixtures.tenantWithAdmin(tenants, encoder, "Acme Audience");
        Tenant globex = TenantFixtures.tenantWithAdmin(tenants, encoder, "Globex Audience");
        Tenant initech = TenantFixtures.tenantWithAdmin(tenants, encoder, "Initech Audience");
        Connection acmes = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, acme.id(), "Acme's secret CRM", Map.of(), 30);
        String id = "audience-" + System.nanoTime();

        TemplateDraft draft = engineer(acme, () -> templates.saveAsTemplate(acmes.id(), id, "CRM for Initech"));
        Template reviewed = engineer(acme, () -> library.parse(draft));
        assertThat(reviewed.description())
                .as("neutral words: not the connection's, nor the customer's")
                .doesNotContain("Acme", "secret")
                .startsWith("Starts from ");

        assertThatThrownBy(() -> engineer(
                        acme, () -> library.publish(id, draft.revision(), "First.", TemplateAudience.only(Set.of()))))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("choose the tenants");
        engineer(
                acme,
                () -> library.publish(id, draft.revision(), "First.", TemplateAudience.only(Set.of(initech.id()))));

        assertThat(admin(initech, () -> library.gallery()))
                .extracting(Template::id)
                .contains(id);
        for (Tenant other : List.of(acme, globex)) {
            assertThat(admin(other, () -> library.gallery()))
                    .as(other.name())
                    .extracting(Template::id)
                    .doesNotContain(id);
            assertThatThrownBy(() -> admin(other, () -> connections.startSetup(id)))
                    .as("%s cannot start from it by its id either", other.name())
                    .isInstanceOf(InvalidSetupException.class);
        }
        Connection initechs = admin(initech, () -> connections.startSetup(id));

        // retired only once no connection is made from it
        assertThatThrownBy(() -> engineer(acme, () -> {
                    library.retire(id);
                    return null;
                }))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("1 connection is made from it");
        admin(initech, () -> changes.delete(initechs.id(), initechs.version(), false));
        engineer(acme, () -> {
            library.retire(id);
            return null;
        });
        assertThat(admin(initech, () -> library.gallery()))
                .extracting(Template::id)
                .doesNotContain(id);
        assertThat(engineer(acme, () -> library.versions(id)))
                .as("kept for history")
                .hasSize(1);
        assertThat(engineer(acme, () -> library.draft(id)).orElseThrow().retiredAt())
                .isNotNull();
        assertThat(engineer(acme, () -> audit.entriesFor("template", id, 5)))
                .extracting(AuditEntry::action)
                .startsWith("template.retired", "template.published");
        assertThatThrownBy(() -> engineer(acme, () -> {
                    library.retire("sandbox-crm-contacts");
                    return null;
                }))
                .hasMessageContaining("shipped");
    }

    private static <T> T engineer(Tenant tenant, java.util.function.Supplier<T> work) {
        return Actors.as(tenant.id(), Role.SOLUTIONS_ENGINEER, work);
    }

    private static <T> T admin(Tenant tenant, java.util.function.Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
