package io.patchbay.connection;

import static io.patchbay.db.Tables.CONNECTION_HEALTH;
import static io.patchbay.db.Tables.GUARDRAIL_EXCEPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.catalog.TemplateLibrary;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A template's guardrails on the connections made from it: a violation blocks activation naming its rule; an
 * exception asked for with a justification and approved by another engineer waives it until a date; once it expires
 * the connection shows as degraded with the reason and the fix.
 */
@IntegrationTest
class GuardrailsIT {

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
    Guardrails guardrails;

    @Autowired
    GuardrailExceptions exceptions;

    @Autowired
    HealthService health;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    @Test
    void aBrokenRuleBlocksActivationUntilAnApprovedExceptionWaivesItAndItsExpiryDegradesTheConnection() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Guarded Co");
        String id = guardedTemplate(tenant, """
                guardrails:
                  minScheduleMinutes: 60
                  maxSettings:
                    pageSize: 500
                  mustMap:
                  - company
                """);
        Connection draft = admin(tenant, () -> {
            Connection started = connections.startSetup(id);
            Connection saved = connections.saveDetails(
                    started.id(),
                    started.version(),
                    ConnectionFixtures.sandboxDetails(
                            "Guarded CRM", crm.apiUrl(), crm.apiKey(), Map.of("pageSize", 800)));
            return connections.saveSchedule(started.id(), saved.version(), 15);
        });

        assertThatThrownBy(() -> admin(tenant, () -> lifecycle.activate(draft.id(), draft.version())))
                .isInstanceOfSatisfying(
                        GuardrailsBrokenException.class,
                        e -> assertThat(e.violations())
                                .extracting(GuardrailViolation::rule)
                                .containsExactly("min-schedule", "max-setting:pageSize"))
                .hasMessageContaining("rule min-schedule of the template Guarded");

        assertThatThrownBy(() -> admin(tenant, () -> exceptions.request(draft.id(), "min-schedule", "please")))
                .isInstanceOfSatisfying(
                        InvalidSetupException.class, e -> assertThat(e.field()).isEqualTo("justification"));
        assertThatThrownBy(() -> admin(
                        tenant,
                        () -> exceptions.request(
                                draft.id(), "must-map:company", "Our CRM has no company field at all, really.")))
                .hasMessageContaining("does not break rule must-map:company");
        GuardrailException minSchedule = admin(
                tenant,
                () -> exceptions.request(
                        draft.id(), "min-schedule", "Sales needs new leads within a quarter of an hour."));
        GuardrailException pageSize = admin(
                tenant,
                () -> exceptions.request(
                        draft.id(), "max-setting:pageSize", "Our CRM plan counts requests; bigger pages cost less."));
        assertThatThrownBy(() -> admin(
                        tenant,
                        () -> exceptions.request(
                                draft.id(), "min-schedule", "Asking again for the very same thing here.")))
                .hasMessageContaining("already");
        assertThatThrownBy(() -> admin(tenant, () -> exceptions.approve(minSchedule.id(), LocalDate.now(), "ok")))
                .isInstanceOf(AccessDeniedException.class);

        Actors.as(tenant.id(), Role.SOLUTIONS_ENGINEER, () -> {
            assertThatThrownBy(() ->
                            exceptions.approve(minSchedule.id(), LocalDate.now().plusYears(2), ""))
                    .hasMessageContaining("a year");
            exceptions.approve(minSchedule.id(), LocalDate.now(ZoneOffset.UTC).plusDays(30), "For the sales pilot");
            exceptions.deny(pageSize.id(), "Keep pages at 500 or less; the CRM times out above.");
        });
        assertThatThrownBy(() -> admin(tenant, () -> lifecycle.activate(draft.id(), draft.version())))
                .isInstanceOfSatisfying(
                        GuardrailsBrokenException.class,
                        e -> assertThat(e.violations())
                                .extracting(GuardrailViolation::rule)
                                .containsExactly("max-setting:pageSize"));

        Connection active = admin(tenant, () -> {
            Connection fixed = connections.saveDetails(
                    draft.id(),
                    draft.version(),
                    ConnectionFixtures.sandboxDetails("Guarded CRM", crm.apiUrl(), null, Map.of("pageSize", 500)));
            return lifecycle.activate(draft.id(), fixed.version());
        });
        HealthFixtures.awaitHealth(health, tenant.id(), active.id(), HealthStatus.NOT_YET_SYNCED);

        // the exception runs out while the connection still syncs every 15 minutes
        // (time passing, made quick: the expiry moves to a minute ago, and so does the time health was to look
        // at the connection again, which the last evaluation set to that expiry)
        OffsetDateTime expired = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        assertThat(db.update(CONNECTION_HEALTH)
                        .set(CONNECTION_HEALTH.RECHECK_AT, expired)
                        .where(CONNECTION_HEALTH.CONNECTION_ID.eq(active.id().value()))
                        .and(CONNECTION_HEALTH.RECHECK_AT.eq(db.select(GUARDRAIL_EXCEPTION.EXPIRES_AT)
                                .from(GUARDRAIL_EXCEPTION)
                                .where(GUARDRAIL_EXCEPTION.ID.eq(minSchedule.id()))))
                        .execute())
                .as("health is to be looked at again when the exception runs out")
                .isOne();
        db.update(GUARDRAIL_EXCEPTION)
                .set(GUARDRAIL_EXCEPTION.EXPIRES_AT, expired)
                .where(GUARDRAIL_EXCEPTION.ID.eq(minSchedule.id()))
                .execute();
        var lapsed = HealthFixtures.awaitHealth(health, tenant.id(), active.id(), HealthStatus.DEGRADED);
        assertThat(lapsed.reason()).startsWith("The exception to rule min-schedule expired on");
        assertThat(lapsed.fix()).contains("ask for a new exception");
        // and a new one may be asked for
        assertThat(admin(
                                tenant,
                                () -> exceptions.request(
                                        active.id(), "min-schedule", "The sales pilot runs another month, same need."))
                        .status())
                .isEqualTo(GuardrailException.Status.REQUESTED);
    }

    @Test
    void anActiveConnectionsScheduleCannotBeChangedBelowTheRule() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Paced Co");
        String id = guardedTemplate(tenant, """
                guardrails:
                  minScheduleMinutes: 60
                """);
        Connection active = admin(tenant, () -> {
            Connection started = connections.startSetup(id);
            Connection saved = connections.saveDetails(
                    started.id(),
                    started.version(),
                    ConnectionFixtures.sandboxDetails("Paced CRM", crm.apiUrl(), crm.apiKey()));
            Connection scheduled = connections.saveSchedule(started.id(), saved.version(), 60);
            return lifecycle.activate(started.id(), scheduled.version());
        });

        assertThatThrownBy(() -> admin(tenant, () -> connections.saveSchedule(active.id(), active.version(), 15)))
                .isInstanceOfSatisfying(
                        GuardrailsBrokenException.class,
                        e -> assertThat(e.violations())
                                .extracting(GuardrailViolation::rule)
                                .containsExactly("min-schedule"))
                .hasMessageContaining("rule min-schedule");
        Connection unchanged = admin(tenant, () -> connections.find(active.id()).orElseThrow());
        assertThat(unchanged.version()).isEqualTo(active.version());
        assertThat(unchanged.scheduleMinutes()).isEqualTo(60);
        assertThat(admin(tenant, () -> connections.saveSchedule(active.id(), active.version(), 120))
                        .scheduleMinutes())
                .isEqualTo(120);
    }

    @Test
    void aMappingMustGiveTheFieldsARuleNamesAndNoPersonalDataWhereItIsBarred() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Mapped Guard Co");
        String id = guardedTemplate(tenant, """
                guardrails:
                  mustMap:
                  - company
                  noPersonalData: true
                """);
        Connection draft = admin(tenant, () -> connections.startSetup(id));
        var violations = admin(
                tenant, () -> guardrails.violations(connections.find(draft.id()).orElseThrow()));
        assertThat(violations).extracting(GuardrailViolation::rule).containsExactly("no-personal-data");
        assertThat(violations.getFirst().message()).contains("email", "phone");
        var without = admin(
                tenant,
                () -> guardrails.violations(
                        connections.find(draft.id()).orElseThrow(),
                        draft.settings(),
                        60,
                        "{\"firstName\": .first_name, \"lastName\": .last_name}"));
        assertThat(without).extracting(GuardrailViolation::rule).containsExactly("must-map:company");
    }

    /** A template made from a working connection, with these guardrails added and published as v1. */
    private String guardedTemplate(Tenant tenant, String guardrailsYaml) {
        Connection working = ConnectionFixtures.activeSandboxCrm(
                connections, lifecycle, crm, tenant.id(), "Source " + System.nanoTime(), Map.of(), 60);
        String id = "guarded-" + System.nanoTime();
        return Actors.as(tenant.id(), Role.SOLUTIONS_ENGINEER, () -> {
            TemplateDraft draft = templates.saveAsTemplate(working.id(), id, "Guarded");
            TemplateDraft saved = library.saveDraft(
                    id, draft.revision(), draft.yaml().replace("schedule:", guardrailsYaml + "schedule:"));
            Template published = library.publish(
                    id, saved.revision(), "With guardrails", io.patchbay.catalog.TemplateAudience.EVERYONE);
            assertThat(published.guardrails().none()).isFalse();
            return id;
        });
    }

    private static <T> T admin(Tenant tenant, Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }
}
