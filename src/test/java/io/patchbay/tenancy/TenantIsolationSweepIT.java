package io.patchbay.tenancy;

import static io.patchbay.tenancy.SweepTenants.ACTIVE_CRM;
import static io.patchbay.tenancy.SweepTenants.authorization;
import static io.patchbay.tenancy.SweepTenants.basic;
import static io.patchbay.tenancy.SweepTenants.form;
import static io.patchbay.tenancy.SweepTenants.invoiceEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.patchbay.audit.AuditService;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.catalog.spi.PushedRecord;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.ConsentSession;
import io.patchbay.connection.InboundService;
import io.patchbay.connection.SetupStep;
import io.patchbay.observability.HealthFilter;
import io.patchbay.observability.HealthService;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.security.EgressException;
import io.patchbay.security.EgressExceptionService;
import io.patchbay.support.Actors;
import io.patchbay.support.BrowserSession;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.TenantFingerprint;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.IdentityConflicts;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.RunService;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Nothing crosses between tenants, swept rather than sampled. An owner tenant is given data of every kind through
 * the real services (an active CRM connection that has synced, a draft, a signed-webhooks connection that received
 * messages, a CSV upload, a calendar connection with a completed consent, network exceptions approved and pending, its
 * sandbox account's contacts and webhook endpoints, and the audit trail all of that leaves). A second tenant's customer
 * admin, support agent and solutions engineer then open every page the hub routes and call every HTTP endpoint it
 * maps, with the owner's ids in every parameter, and call the services the pages and endpoints cannot reach: they
 * read nothing of the owner's and change nothing, down to the owner's rows in every tenant-owned table.
 *
 * <p>Routes and endpoints are read from the running hub (Vaadin's route registry, Spring MVC's mappings), so a new
 * one is swept without editing this test; a parameter the sweep does not know how to fill fails it with what to
 * teach it in {@link #values}, {@link #bodies} or {@link #headers}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationSweepIT {

    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();

    /**
     * Columns of the owner's rows that change with time alone, left out of the fingerprint: none. Every schedule of
     * the owner is a day long and every run, delivery and staged message has been taken up before the first
     * fingerprint (which is taken twice to show it holds still), so nothing of the owner's changes by itself while the
     * sweep runs: leases and run counts move only while a run executes, sequence numbers are given when a run reads,
     * the sandbox's delivery counters when it sends, and stored tokens when a connection signs in.
     */
    private static final Map<String, Set<String>> CHANGING_BY_THEMSELVES = Map.of();

    /** Tables that belong to no tenant: the tenants themselves, and the bookkeeping of Liquibase and Quartz. */
    private static final Set<String> GLOBAL_TABLES = Set.of(
            "tenant",
            "databasechangelog",
            "databasechangeloglock",
            // failed sign-ins are counted per user name and per client before anyone is known to be of a tenant
            "sign_in_throttle",
            // the operator's template library, offered to every tenant (ADR 12)
            "template",
            "template_version",
            // the schema registry, the same for every tenant (ADR 13)
            "schema_version",
            "schema_version_status");

    private static final List<Role> INTRUDERS =
            List.of(Role.CUSTOMER_ADMIN, Role.SUPPORT_AGENT, Role.SOLUTIONS_ENGINEER);
    private static final Duration SYNC = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Autowired
    ConnectionService connections;

    @Autowired
    io.patchbay.connection.ConnectionRuntime runtime;

    @Autowired
    io.patchbay.connection.ConnectionChanges changes;

    @Autowired
    Quarantine quarantine;

    @Autowired
    IdentityConflicts identities;

    @Autowired
    io.patchbay.connection.ConnectionValidation validation;

    @Autowired
    io.patchbay.connection.ConnectionMappings mappings;

    @Autowired
    io.patchbay.connection.ConnectionExports exports;

    @Autowired
    io.patchbay.connection.ConnectionTemplates connectionTemplates;

    @Autowired
    io.patchbay.connection.GuardrailExceptions guardrailExceptions;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    InboundService inbound;

    @Autowired
    ConsentService consents;

    @Autowired
    HealthService health;

    @Autowired
    io.patchbay.observability.ConnectionActivity activity;

    @Autowired
    io.patchbay.observability.Notices notices;

    @Autowired
    AuditService audit;

    @Autowired
    io.patchbay.observability.CorrelationTrace traces;

    @Autowired
    io.patchbay.observability.AlertChannels alertChannels;

    @Autowired
    io.patchbay.sandbox.SandboxMailbox mailbox;

    @Autowired
    EgressExceptionService exceptions;

    @Autowired
    SandboxCrm crm;

    @Autowired
    SandboxBilling billing;

    @Autowired
    SandboxCalendar calendar;

    @Autowired
    JdbcTemplate sql;

    @Autowired
    ApplicationContext context;

    @Autowired
    ServletContext servletContext;

    @Value("${server.port}")
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SweepTenants.Owner owner;
    private SweepTenants.Intruder intruder;
    private TenantFingerprint before;

    /** The statuses each endpoint answered the sweep with, for the log. */
    private final Map<String, Set<Integer>> answered = new TreeMap<>();

    @BeforeAll
    void anOwnerWithDataOfEveryKindAndAnIntruderWithCredentialsOfItsOwn() {
        SweepTenants tenants = new SweepTenants(context);
        owner = tenants.owner();
        intruder = tenants.intruder();
        before = fingerprint();
        Awaitility.await("the owner's rows to hold still")
                .atMost(SYNC)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    TenantFingerprint now = fingerprint();
                    boolean still = before.differences(now).isEmpty();
                    before = now;
                    return still;
                });
        assertThat(before.tables()).as("tables fingerprinted").isNotEmpty();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Test
    @Order(1)
    void everyRowOfEveryTableBelongsToATenant() {
        List<String> withoutTenant = sql.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'"
                        + " and table_type = 'BASE TABLE' and table_name not like 'qrtz\\_%' and table_name not in"
                        + " (select table_name from information_schema.columns where table_schema = 'public'"
                        + " and column_name = 'tenant_id') order by 1",
                String.class);
        List<String> nullable = sql.queryForList(
                "select table_name from information_schema.columns where table_schema = 'public'"
                        + " and column_name = 'tenant_id' and is_nullable = 'YES' order by 1",
                String.class);

        assertThat(withoutTenant)
                .as("tables without a tenant_id column (beside %s and Quartz's)", GLOBAL_TABLES)
                .containsExactlyInAnyOrderElementsOf(GLOBAL_TABLES);
        assertThat(nullable).as("tables whose tenant_id may be null").isEmpty();
        assertThat(before.tables().values().stream().filter(t -> !t.rows().isEmpty()))
                .as("the owner has rows in most tenant-owned tables, so the fingerprint measures something")
                .hasSizeGreaterThan(before.tables().size() / 2);
    }

    /**
     * Each of the second tenant's roles, signed in through the login form once, opens every route with every owner
     * id that fits its parameters, then calls every HTTP endpoint with each method it maps, with the owner's ids,
     * with its browser session and with its tenant's own credentials; and once more without either.
     */
    @Test
    @Order(3)
    void noRouteOrEndpointReadsOrWritesAnythingOfAnotherTenantForAnyRole() {
        // what the sweep must be taught comes first among the findings; the rest is swept all the same
        List<String> findings = new ArrayList<>();
        HubRoutes routes = HubRoutes.registeredIn(servletContext);
        List<HubRoutes.Visit> visits = routes.visits(this::values, findings);
        HttpEndpoints endpoints = HttpEndpoints.mappedIn(context);
        List<HttpEndpoints.Probe> probes = endpoints.probes(teaching(), findings);
        routes.unregisteredViews()
                .forEach(view -> findings.add(view + " has @Route, but the route registry the sweep reads does not list"
                        + " it: sweep it by reading routes where it is registered."));

        // Every page first, for every role: what the endpoints below let the intruder write in its own account (a
        // contact upserted under the owner's email) would otherwise show on its own pages.
        Map<Role, String> cookies = new EnumMap<>(Role.class);
        int pages = 0;
        for (Role role : INTRUDERS) {
            Page page = browser.newPage();
            BrowserSession.signIn(page, baseUrl(), intruder.usernames().get(role), TenantFixtures.PASSWORD);
            for (HubRoutes.Visit visit : visits) {
                open(page, visit, role, findings);
                pages++;
            }
            page.navigate(baseUrl() + "/");
            if (!waitForVaadin(page) || !shown(page).contains(intruder.draftName())) {
                findings.add(role + ": the integrations page does not show the intruder's own draft, so the pages the"
                        + " sweep opened may not have shown anything at all");
            }
            cookies.put(
                    role,
                    page.context().cookies().stream()
                            .map(c -> c.name + "=" + c.value)
                            .collect(Collectors.joining("; ")));
        }
        // Then every read, for every role and without a session, before any write: a write the intruder may make in
        // its own account (that contact) would otherwise show in the answers to reads of its own account.
        int requests = 0;
        for (boolean writes : new boolean[] {false, true}) {
            List<HttpEndpoints.Probe> phase = probes.stream()
                    .filter(probe -> probe.endpoint().writes() == writes)
                    .toList();
            for (Role role : INTRUDERS) {
                for (HttpEndpoints.Probe probe : phase) {
                    check(probe, role.name(), send(probe, cookies.get(role)), findings);
                    requests++;
                }
            }
            for (HttpEndpoints.Probe probe : phase) {
                check(probe, "anonymous", send(probe, null), findings);
                requests++;
            }
        }
        findings.addAll(changesToOwner());

        System.out.printf(
                "Tenant isolation sweep: %d routes %s, opened as %d pages (owner ids filled in) × %d roles = %d;"
                        + " %d endpoint methods %s, called as %d requests × (%d roles + anonymous) = %d;"
                        + " %d owner rows in %d tenant-owned tables fingerprinted%n",
                routes.templates().size(),
                routes.templates().keySet(),
                visits.size(),
                INTRUDERS.size(),
                pages,
                endpoints.all().size(),
                endpoints.all().stream().map(HttpEndpoints.Endpoint::key).toList(),
                probes.size(),
                INTRUDERS.size(),
                requests,
                before.rowCount(),
                before.tables().size());
        answered.forEach((endpoint, statuses) -> System.out.printf("  %-50s answered %s%n", endpoint, statuses));
        assertThat(findings).as("what the second tenant reached of the first's").isEmpty();
    }

    /** What the pages and endpoints cannot reach: the services, called with the owner's ids as each role. */
    @Test
    @Order(2)
    void noServiceReadsOrWritesAnythingOfAnotherTenantForAnyRole() {
        List<String> findings = new ArrayList<>();
        ConnectionDetails details = new ConnectionDetails(
                "Intruder's rename", JsonNodeFactory.instance.objectNode().put("apiUrl", crm.apiUrl()), Map.of());
        for (Role role : INTRUDERS) {
            Services services = new Services(role, findings);
            for (var c : owner.connections().entrySet()) {
                ConnectionId id = c.getValue();
                String which = c.getKey() + " " + id;
                services.nothing("ConnectionService.find(" + which + ")", () -> connections.find(id));
                services.nothing("ConnectionRuntime.resolve(" + which + ")", () -> runtime.resolve(id));
                services.nothing("GuardrailExceptions.open(" + which + ")", () -> guardrailExceptions.open(id));
                services.nothing("ConnectionService.problems(" + which + ")", () -> connections.problems(id, details));
                services.nothing("ConnectionService.streams(" + which + ")", () -> connections.streams(id));
                services.nothing("RunService.timeline(" + which + ")", () -> runs.timeline(id, null, 50));
                services.nothing("HealthService.current(" + which + ")", () -> health.current(id));
                services.nothing("HealthService.transitions(" + which + ")", () -> health.transitions(id, 50));
                services.nothing("ConnectionActivity.recent(" + which + ")", () -> activity.recent(id, 50));
                services.refused("Notices.sendFix(" + which + ")", () -> {
                    notices.sendFix(id, "An intruder's fix for someone else's connection.");
                    return null;
                });
                services.nothing("RunService.recentRuns(" + which + ")", () -> runs.recentRuns(id, 50));
                services.nothing("RunService.nextRun(" + which + ")", () -> runs.nextRun(id));
                services.nothing("RunService.linkedRecords(" + which + ")", () -> runs.linkedRecords(id));
                services.nothing("InboundService.recentMessages(" + which + ")", () -> inbound.recentMessages(id, 50));
                services.nothing("InboundService.countMessages(" + which + ")", () -> inbound.countMessages(id));
                services.nothing(
                        "InboundService.pushed(" + which + ")",
                        () -> inbound.pushed(id, PushedRecord.Position.START, 500));
                services.nothing("ConsentService.consent(" + which + ")", () -> consents.consent(id));
                services.nothing("Quarantine.groups(" + which + ")", () -> quarantine.groups(QuarantineFilter.of(id)));
                services.nothing(
                        "Quarantine.records(" + which + ")",
                        () -> quarantine.records(QuarantineFilter.of(id), null, 50));
                services.nothing("Quarantine.count(" + which + ")", () -> quarantine.count(QuarantineFilter.of(id)));
                services.nothing(
                        "Quarantine.waitingForReprocess(" + which + ")", () -> quarantine.waitingForReprocess(id));
                services.nothing(
                        "Quarantine.reprocess(" + which + ")",
                        () -> quarantine.reprocess(QuarantineFilter.of(id), null));
                services.nothing(
                        "Quarantine.discard(" + which + ")",
                        () -> quarantine.discard(QuarantineFilter.of(id), null, "Not mine to discard"));
                services.nothing("Quarantine.cancelReprocess(" + which + ")", () -> quarantine.cancelReprocess(id));
                services.nothing("ConnectionValidation.newest(" + which + ")", () -> validation.newest(id));
                services.refused("ConnectionValidation.validate(" + which + ")", () -> validation.validate(id));
                services.refused(
                        "ConnectionValidation.validateEverything(" + which + ")",
                        () -> validation.validateEverything(id));
                services.nothing(
                        "ConnectionValidation.newestWholeRead(" + which + ")", () -> validation.newestWholeRead(id));
                services.nothing(
                        "AuditService.entriesFor(connection, " + which + ")",
                        () -> audit.entriesFor("connection", id.toString(), 50));

                services.refused(
                        "ConnectionService.saveDetails(" + which + ")", () -> connections.saveDetails(id, 0, details));
                services.refused(
                        "ConnectionService.testConnection(" + which + ")",
                        () -> connections.testConnection(id, details));
                services.refused(
                        "ConnectionService.goToStep(" + which + ")", () -> connections.goToStep(id, SetupStep.DETAILS));
                services.refused(
                        "ConnectionService.chooseStream(" + which + ")",
                        () -> connections.chooseStream(id, 0, "contacts"));
                services.refused(
                        "ConnectionService.saveSchedule(" + which + ")", () -> connections.saveSchedule(id, 0, 60));
                services.refused("ConnectionLifecycle.activate(" + which + ")", () -> lifecycle.activate(id, 0));
                services.refused("ConnectionLifecycle.pause(" + which + ")", () -> lifecycle.pause(id));
                services.refused("ConnectionLifecycle.resume(" + which + ")", () -> lifecycle.resume(id));
                services.refused("ConnectionLifecycle.upgrade(" + which + ")", () -> lifecycle.upgrade(id, 0));
                services.refused("RunService.runNow(" + which + ")", () -> runs.runNow(id));
                services.refused(
                        "InboundService.upload(" + which + ")",
                        () -> inbound.upload(id, "intruder.csv", "id,name\n1,Intruder\n".getBytes()));
                services.refused(
                        "InboundService.receiveWebhook(" + which + ", signed with the intruder's own secret)",
                        () -> inbound.receiveWebhook(id, intruderDelivery()));
                services.refused("ConsentService.start(" + which + ")", () -> consents.start(id, new ConsentSession()));
                services.refused(
                        "ConnectionChanges.rename(" + which + ")", () -> changes.rename(id, 0, "Intruder's name"));
                services.refused(
                        "ConnectionChanges.editSettings(" + which + ")", () -> changes.editSettings(id, 0, details));
                services.refused("ConnectionChanges.delete(" + which + ")", () -> changes.delete(id, 0, true));
                services.refused("ConnectionChanges.discard(" + which + ")", () -> {
                    changes.discard(id, 0);
                    return null;
                });
                services.refused("ConnectionMappings.samples(" + which + ")", () -> mappings.samples(id));
                services.refused(
                        "ConnectionMappings.save(" + which + ")",
                        () -> mappings.save(id, 0, "{\"firstName\": \"x\"}", List.of()));
                services.refused("ConnectionExports.export(" + which + ")", () -> exports.export(id));
                services.refused(
                        "ConnectionTemplates.upgrade(" + which + ")", () -> connectionTemplates.upgrade(id, 0));
                services.refused(
                        "ConnectionTemplates.saveAsTemplate(" + which + ")",
                        () -> connectionTemplates.saveAsTemplate(id, "intruder-" + System.nanoTime(), "Intruder"));
                services.refused(
                        "GuardrailExceptions.request(" + which + ")",
                        () -> guardrailExceptions.request(id, "min-schedule", "An intruder asking for an exception."));
            }
            for (var run : owner.runs().entrySet()) {
                services.nothing(
                        "CorrelationTrace.find(" + run.getKey() + " run "
                                + run.getValue().correlationId() + ")",
                        () -> traces.find(run.getValue().correlationId()).items());
                services.nothing(
                        "RunService.find(" + run.getKey() + " run "
                                + run.getValue().id() + ")",
                        () -> runs.find(run.getValue().id()));
                services.refused(
                        "RunService.retry(" + run.getKey() + " run "
                                + run.getValue().id() + ")",
                        () -> runs.retry(run.getValue().id()));
            }
            for (var exception : owner.exceptions().entrySet()) {
                EgressException e = exception.getValue();
                String which = exception.getKey() + " " + e.host();
                services.nothing("EgressExceptionService.held(" + which + ")", () -> exceptions.held(e.host()));
                services.nothing(
                        "AuditService.entriesFor(egress_exception, " + which + ")",
                        () -> audit.entriesFor("egress_exception", e.host(), 50));
                services.refused("EgressExceptionService.approve(" + which + ")", () -> {
                    exceptions.approve(e.id(), Instant.now().plus(Duration.ofDays(10)), "intruder");
                    return null;
                });
                services.refused("EgressExceptionService.deny(" + which + ")", () -> {
                    exceptions.deny(e.id(), "denied by an intruder");
                    return null;
                });
                services.quiet("EgressExceptionService.revoke(" + which + ")", () -> exceptions.revoke(e.id()));
            }
            services.nothing(
                    "SandboxBilling.webhookSecret(owner's endpoint "
                            + owner.endpoint().id() + ")",
                    () -> billing.webhookSecret(owner.endpoint().id()));
            services.nothing(
                    "SandboxBilling.webhookEndpoint(owner's endpoint URL)",
                    () -> billing.webhookEndpoint(owner.endpoint().url()));
            services.quiet(
                    "SandboxBilling.removeWebhookEndpoint(owner's endpoint "
                            + owner.endpoint().id() + ")",
                    () -> billing.removeWebhookEndpoint(owner.endpoint().id()));

            UUID conflict = owner.identityConflict();
            services.nothing("IdentityConflicts.find(owner's conflict)", () -> identities.find(conflict));
            services.refused(
                    "IdentityConflicts.preview(owner's conflict)",
                    () -> identities.preview(conflict, conflict, IdentityConflicts.Action.MERGE));
            services.refused(
                    "IdentityConflicts.resolve(owner's conflict)",
                    () -> identities.resolve(conflict, conflict, IdentityConflicts.Action.MERGE));
            services.refused("IdentityConflicts.keepApart(owner's conflict)", () -> {
                identities.keepApart(conflict);
                return conflict;
            });

            UUID channel = owner.alertChannel();
            services.refused("AlertChannels.setEnabled(owner's channel)", () -> {
                alertChannels.setEnabled(channel, false);
                return null;
            });
            services.refused("AlertChannels.remove(owner's channel)", () -> {
                alertChannels.remove(channel);
                return null;
            });
            services.refused("AlertChannels.sendTest(owner's channel)", () -> alertChannels.sendTest(channel));

            UUID quarantined = owner.quarantined();
            services.nothing("Quarantine.find(owner's record)", () -> quarantine.find(quarantined));
            services.refused("Quarantine.check(owner's record)", () -> quarantine.check(quarantined, "{}"));
            services.refused(
                    "Quarantine.saveAndReprocess(owner's record)",
                    () -> quarantine.saveAndReprocess(quarantined, "{\"email\": \"x@example.com\"}"));
            services.nothing(
                    "Quarantine.reprocess(owner's record)",
                    () -> quarantine.reprocess(QuarantineFilter.tenant(), List.of(quarantined)));
            services.nothing(
                    "Quarantine.discard(owner's record)",
                    () -> quarantine.discard(QuarantineFilter.tenant(), List.of(quarantined), "Not mine to discard"));
            services.onlyOwn("Quarantine.groups(tenant)", () -> quarantine.groups(QuarantineFilter.tenant()));
            services.onlyOwn(
                    "Quarantine.records(tenant)", () -> quarantine.records(QuarantineFilter.tenant(), null, 500));
            services.onlyOwn("ConnectionService.list()", () -> connections.list());
            services.onlyOwn("HealthService.page()", () -> health.page(HealthFilter.ALL, null, 500));
            services.onlyOwn("HealthService.connectors()", () -> health.connectors());
            services.onlyOwn("Notices.newest()", () -> notices.newest(500));
            services.onlyOwn("AlertChannels.list()", () -> alertChannels.list());
            services.onlyOwn("SandboxMailbox.newest()", () -> mailbox.newest(500));
            services.onlyOwn("EgressExceptionService.list()", () -> exceptions.list());
            services.onlyOwn("SandboxBilling.webhookEndpoints()", () -> billing.webhookEndpoints());
            services.onlyOwn("SandboxCrm.recentlyChanged(500)", () -> crm.recentlyChanged(500));
            services.onlyOwn("SandboxCrm.apiKey()", () -> crm.apiKey());
            services.onlyOwn("SandboxBilling.clientSecret()", () -> billing.clientSecret());
            services.onlyOwn("SandboxCalendar.clientSecret()", () -> calendar.clientSecret());
        }

        findings.addAll(changesToOwner());
        assertThat(findings)
                .as("what the second tenant's services gave or changed of the first's")
                .isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What the sweep was taught: which of the owner's values fit a parameter, what an intruder sends to endpoints that
    // read a body, and the intruder's own credential for each header an endpoint reads.

    /** The owner's values that fit a route parameter, path variable, wildcard or request parameter of this name. */
    private List<SweepValues.Value> values(String name) {
        return switch (name) {
            case "connectionId", "connection" -> owner.connectionIds();
            case "id", "**" -> owner.everyId();
            case "runId" -> owner.runIds();
            case "correlationId" -> owner.correlationIds();
            case "tenantId", "tenant" ->
                List.of(SweepValues.id("tenant id", owner.tenant().id()));
            case "email" -> List.of(SweepValues.key("sandbox contact email", owner.contactEmail()));
            // templates are the operator's, not a tenant's (ADR 12): the page must show nothing of the owner's
            case "templateId" -> List.of(SweepValues.key("template id", ConnectionFixtures.TEMPLATE));
            default -> List.of();
        };
    }

    /**
     * What an intruder sends to the endpoints that read their request body (or the raw request), by endpoint. The
     * sandbox calendar's sign-in page stands for a provider's, where whoever is signed in may allow any client: it
     * answers by sending the person back to the client's registered address, and writes nothing in the client's
     * account before the client itself redeems the code. Its events endpoint reads the raw request only for its own
     * address, to link the next page.
     */
    private Optional<List<HttpEndpoints.Body>> bodies(String endpoint) {
        SweepValues.Value ownerMessage = SweepValues.id("inbound message id", owner.messageId());
        SweepValues.Value ownerBillingClient = SweepValues.id("sandbox billing client id", owner.billingClientId());
        SweepValues.Value ownerCalendarClient = SweepValues.id("sandbox calendar client id", owner.calendarClientId());
        SweepValues.Value ownerRefreshToken = SweepValues.id("calendar refresh token", owner.refreshToken());
        String redirect = calendar.redirectUri();
        return Optional.ofNullable(
                switch (endpoint) {
                    case "POST /hooks/{connectionId}" ->
                        List.of(
                                HttpEndpoints.Body.json(
                                        "an unsigned invoice event", invoiceEvent("in_intruder"), List.of()),
                                signedDelivery("a fresh message", "intruder-" + UUID.randomUUID(), List.of()),
                                signedDelivery("the owner's message id", owner.messageId(), List.of(ownerMessage)));
                    case "POST /sandbox/crm/v1/contacts" ->
                        List.of(HttpEndpoints.Body.json(
                                "a new contact",
                                "{\"first_name\":\"Ivo\",\"last_name\":\"Intruder\","
                                        + "\"email\":\"ivo.intruder@example.com\"}",
                                List.of()));
                    case "PUT /sandbox/crm/v1/contacts/by-email/{email}" ->
                        List.of(HttpEndpoints.Body.json(
                                "a contact",
                                "{\"first_name\":\"Ivo\",\"last_name\":\"Intruder\",\"company\":\"Intruders\"}",
                                List.of()));
                    case "PATCH /sandbox/crm/v1/contacts/{id}" ->
                        List.of(HttpEndpoints.Body.json("a change", "{\"company\":\"Intruder was here\"}", List.of()));
                    case "POST /sandbox/billing/oauth/token" ->
                        List.of(
                                HttpEndpoints.Body.form(
                                        "client credentials", "grant_type=client_credentials", List.of()),
                                HttpEndpoints.Body.form(
                                                "the owner's client id with the intruder's secret",
                                                form(
                                                        "grant_type", "client_credentials",
                                                        "client_id", owner.billingClientId(),
                                                        "client_secret", intruder.billingClientSecret()),
                                                List.of(ownerBillingClient))
                                        .authenticated());
                    case "POST /sandbox/calendar/oauth/token" ->
                        List.of(
                                HttpEndpoints.Body.form(
                                        "the owner's refresh token",
                                        form("grant_type", "refresh_token", "refresh_token", owner.refreshToken()),
                                        List.of(ownerRefreshToken)),
                                HttpEndpoints.Body.form(
                                                "the owner's client id and refresh token with the intruder's secret",
                                                form(
                                                        "grant_type", "refresh_token",
                                                        "refresh_token", owner.refreshToken(),
                                                        "client_id", owner.calendarClientId(),
                                                        "client_secret", intruder.calendarClientSecret()),
                                                List.of(ownerCalendarClient, ownerRefreshToken))
                                        .authenticated(),
                                HttpEndpoints.Body.form(
                                        "a made-up code",
                                        form(
                                                "grant_type",
                                                "authorization_code",
                                                "code",
                                                "scc_made_up",
                                                "redirect_uri",
                                                redirect,
                                                "code_verifier",
                                                "v".repeat(43)),
                                        List.of()));
                    case "GET /sandbox/calendar/oauth/authorize" ->
                        List.of(
                                HttpEndpoints.Body.form(
                                        "the intruder's own client",
                                        authorization(intruder.calendarClientId(), redirect, null),
                                        List.of()),
                                HttpEndpoints.Body.form(
                                        "the owner's client",
                                        authorization(owner.calendarClientId(), redirect, null),
                                        List.of(ownerCalendarClient)));
                    case "POST /sandbox/calendar/oauth/authorize" ->
                        List.of(
                                HttpEndpoints.Body.form(
                                                "Allow for the owner's client",
                                                authorization(owner.calendarClientId(), redirect, "allow"),
                                                List.of(ownerCalendarClient))
                                        .answeredWithoutWriting(),
                                HttpEndpoints.Body.form(
                                                "Deny for the owner's client",
                                                authorization(owner.calendarClientId(), redirect, "deny"),
                                                List.of(ownerCalendarClient))
                                        .answeredWithoutWriting());
                    case "GET /sandbox/calendar/v1/events" -> List.of(HttpEndpoints.Body.NONE);
                    default -> null;
                });
    }

    /** The intruder's own value for a header an endpoint reads; {@code ""} where it needs none. */
    private Optional<String> headers(String name, String pattern) {
        return switch (name) {
            case "X-API-Key" -> Optional.of(intruder.crmApiKey());
            case "X-Correlation-Id" -> Optional.of("");
            case "Authorization" -> {
                if (pattern.startsWith("/sandbox/billing/v1/")) {
                    yield Optional.of("Bearer " + intruder.billingToken());
                } else if (pattern.startsWith("/sandbox/billing/oauth/")) {
                    yield Optional.of(basic(intruder.billingClientId(), intruder.billingClientSecret()));
                } else if (pattern.startsWith("/sandbox/calendar/v1/")) {
                    yield Optional.of("Bearer " + intruder.calendarToken());
                } else if (pattern.startsWith("/sandbox/calendar/oauth/")) {
                    yield Optional.of(basic(intruder.calendarClientId(), intruder.calendarClientSecret()));
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private HttpEndpoints.Teaching teaching() {
        return new HttpEndpoints.Teaching() {
            @Override
            public List<SweepValues.Value> values(String name) {
                return TenantIsolationSweepIT.this.values(name);
            }

            @Override
            public Optional<List<HttpEndpoints.Body>> bodies(String endpointKey) {
                return TenantIsolationSweepIT.this.bodies(endpointKey);
            }

            @Override
            public Optional<String> header(String name, String pattern) {
                return TenantIsolationSweepIT.this.headers(name, pattern);
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pages

    private void open(Page page, HubRoutes.Visit visit, Role role, List<String> findings) {
        String where = role + " at /" + visit.path() + " (" + visit.view().getSimpleName()
                + (visit.takesIds() ? ", " + visit.filledWith() : "") + ")";
        page.navigate(baseUrl() + "/" + visit.path());
        if (!waitForVaadin(page)) {
            findings.add(where + ": the page did not settle within " + SETTLE.toSeconds() + " s");
        }
        leaks(shown(page), visit.path(), where + " sees", findings);
        if (visit.addressesOwner()) {
            boolean notFound = page.locator(".not-found-view").isVisible()
                    && page.locator(".not-found-view").innerText().contains("Not found");
            if (!notFound) {
                findings.add(where + " is not told Not found");
            }
            if (role == Role.CUSTOMER_ADMIN
                    && visit.template().equals("connections/:connectionId")
                    && visit.path().endsWith(owner.connection(ACTIVE_CRM).toString())) {
                BrowserSession.screenshot(page, "tenant-isolation-not-found");
            }
        }
    }

    private static boolean waitForVaadin(Page page) {
        return BrowserSession.settle(page, SETTLE);
    }

    /** Everything the page shows or holds: its markup, its visible text, its title and the values of its fields. */
    private static String shown(Page page) {
        Object values = page.evaluate("() => Array.from(document.querySelectorAll('*'))"
                + ".filter(e => typeof e.value === 'string' && e.value).map(e => e.value).join('\\n')");
        return page.content() + "\n" + page.locator("body").innerText() + "\n" + page.title() + "\n" + values;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests

    private HttpResponse<String> send(HttpEndpoints.Probe probe, @Nullable String cookie) {
        byte[] content = probe.body().content();
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + probe.path()))
                .timeout(Duration.ofSeconds(20))
                .method(
                        probe.endpoint().method().name(),
                        content.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(content));
        if (!probe.body().contentType().isEmpty()) {
            request.header("Content-Type", probe.body().contentType());
        }
        probe.body().headers().forEach(request::header);
        probe.headers().forEach(request::header);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(probe + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(HttpEndpoints.Probe probe, String as, HttpResponse<String> answer, List<String> findings) {
        int status = answer.statusCode();
        answered.computeIfAbsent(probe.endpoint().key(), key -> new TreeSet<>()).add(status);
        String where = as + ": " + probe + " answered " + status;
        String location = answer.headers().firstValue("Location").orElse("");
        if (probe.endpoint().patchbays() && status / 100 == 3 && location.contains("/login")) {
            findings.add(where + ", a redirect to the login page, from a machine endpoint");
        }
        // a refusal, too, must not tell anything of the owner's
        leaks(answer.headers().map() + "\n" + answer.body(), probe.requestText(), where + " with", findings);
        if (probe.mustBeRefused() && status / 100 != 4) {
            findings.add(where + ": a write naming the owner's "
                    + probe.carries().stream()
                            .filter(SweepValues.Value::addressesOwner)
                            .map(SweepValues.Value::label)
                            .toList()
                    + " must be refused with a 4xx");
        }
        if (probe.endpoint().patchbays() && status >= 500) {
            findings.add(where + ": the intruder made the endpoint fail");
        }
    }

    /** Adds a finding for each distinctive value of the owner's in {@code text} that {@code asked} did not bring. */
    private void leaks(String text, String asked, String where, List<String> findings) {
        owner.distinctive().forEach((value, label) -> {
            if (text.contains(value) && !asked.contains(value)) {
                findings.add(where + " the owner's " + label + " '" + value + "'");
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Services

    /** Service calls as one of the intruder's roles, each adding a finding where it gives or changes the owner's. */
    private final class Services {

        private final Role role;
        private final List<String> findings;

        Services(Role role, List<String> findings) {
            this.role = role;
            this.findings = findings;
        }

        /** Gives nothing (empty, absent, zero), or refuses with words that name nothing of the owner's. */
        void nothing(String call, Supplier<?> work) {
            try {
                Object result = Actors.as(intruder.tenant().id(), role, work);
                if (!isNothing(result)) {
                    findings.add(role + ": " + call + " gave " + abbreviate(result));
                }
            } catch (RuntimeException refused) {
                refusal(call, refused);
            }
        }

        /** Refuses: a write to an object of the owner's. */
        void refused(String call, Supplier<?> work) {
            try {
                Object result = Actors.as(intruder.tenant().id(), role, work);
                findings.add(role + ": " + call + " was not refused; it gave " + abbreviate(result));
            } catch (RuntimeException refused) {
                refusal(call, refused);
            }
        }

        /** May answer, as long as the answer holds nothing of the owner's (it is the intruder's own). */
        void onlyOwn(String call, Supplier<?> work) {
            try {
                Object result = Actors.as(intruder.tenant().id(), role, work);
                leaks(String.valueOf(result), "", role + ": " + call + " gave", findings);
            } catch (RuntimeException refused) {
                refusal(call, refused);
            }
        }

        /** Does nothing to the owner's objects, refused or not (the fingerprint tells). */
        void quiet(String call, Runnable work) {
            try {
                Actors.as(intruder.tenant().id(), role, work);
            } catch (RuntimeException refused) {
                refusal(call, refused);
            }
        }

        private void refusal(String call, RuntimeException refused) {
            leaks(String.valueOf(refused.getMessage()), call, role + ": " + call + " refused with", findings);
        }
    }

    private static boolean isNothing(@Nullable Object result) {
        return result == null
                || (result instanceof Optional<?> optional && optional.isEmpty())
                || (result instanceof Collection<?> collection && collection.isEmpty())
                || (result instanceof Number number && number.longValue() == 0);
    }

    private static String abbreviate(@Nullable Object value) {
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The owner, the intruder and what they have

    /** A delivery to an owner's webhook URL, signed with the intruder's own connection's secret. */
    private HttpEndpoints.Body signedDelivery(String description, String messageId, List<SweepValues.Value> carries) {
        String body = invoiceEvent("in_intruder");
        long now = Instant.now().getEpochSecond();
        return HttpEndpoints.Body.json(description + ", signed with the intruder's own secret", body, carries)
                .signed(Map.of(
                        "webhook-id", messageId,
                        "webhook-timestamp", String.valueOf(now),
                        "webhook-signature", SignedWebhooks.sign(intruder.webhookSecret(), messageId, now, body)));
    }

    private PushedData intruderDelivery() {
        String body = invoiceEvent("in_intruder");
        long now = Instant.now().getEpochSecond();
        String messageId = "intruder-" + UUID.randomUUID();
        return new PushedData(
                Map.of(
                        "webhook-id", messageId,
                        "webhook-timestamp", String.valueOf(now),
                        "webhook-signature", SignedWebhooks.sign(intruder.webhookSecret(), messageId, now, body)),
                body.getBytes(StandardCharsets.UTF_8),
                null,
                Instant.now());
    }

    private TenantFingerprint fingerprint() {
        return TenantFingerprint.of(sql, owner.tenant().id(), CHANGING_BY_THEMSELVES);
    }

    /** How the owner's rows changed since the sweep began, table by table (rows gone -, rows come +). */
    private List<String> changesToOwner() {
        return before.differences(fingerprint()).stream()
                .map(difference -> "the owner's rows changed in " + difference)
                .toList();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
