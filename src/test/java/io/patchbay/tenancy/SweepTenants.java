package io.patchbay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.audit.AuditService;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.InboundService;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.sandbox.SandboxBilling;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxContact;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import io.patchbay.security.EgressException;
import io.patchbay.security.EgressExceptionService;
import io.patchbay.security.SecretVault;
import io.patchbay.support.Actors;
import io.patchbay.support.ConsentFixtures;
import io.patchbay.support.SignedWebhooks;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.IdentityConflicts;
import io.patchbay.sync.Quarantine;
import io.patchbay.sync.QuarantineFilter;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunService;
import io.patchbay.sync.internal.CoreStoreRepository;
import io.patchbay.validation.IdentityRules;
import io.patchbay.validation.MatchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two tenants of the isolation sweep, made through the real services: an owner with data of every kind, and an
 * intruder with people in every role and credentials of its own at the sandbox systems.
 */
final class SweepTenants {

    static final String ACTIVE_CRM = "CRM, active";
    static final String DRAFT = "CRM, draft";
    static final String WEBHOOKS = "invoice webhooks";
    static final String CSV = "CSV upload";
    static final String CALENDAR = "calendar, consented";

    private static final Duration TAKEN_UP = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * The first tenant: its objects, by what they are, and its distinctive values (value to what it is), which must
     * show nowhere the second tenant looks.
     */
    record Owner(
            Tenant tenant,
            Map<String, ConnectionId> connections,
            Map<String, Run> runs,
            Map<String, EgressException> exceptions,
            Map<String, Long> contacts,
            String contactEmail,
            SandboxWebhookEndpoint endpoint,
            String messageId,
            String billingClientId,
            String calendarClientId,
            String refreshToken,
            UUID quarantined,
            UUID identityConflict,
            UUID alertChannel,
            Map<String, String> distinctive) {

        ConnectionId connection(String label) {
            return connections.get(label);
        }

        List<SweepValues.Value> connectionIds() {
            return connections.entrySet().stream()
                    .map(c -> SweepValues.id("connection id (" + c.getKey() + ")", c.getValue()))
                    .toList();
        }

        List<SweepValues.Value> runIds() {
            return runs.entrySet().stream()
                    .map(r -> SweepValues.id(
                            "run id (" + r.getKey() + ")", r.getValue().id().value()))
                    .toList();
        }

        /** The correlation ids of the owner's runs: each leads to what its run touched. */
        List<SweepValues.Value> correlationIds() {
            return runs.entrySet().stream()
                    .map(r -> SweepValues.id(
                            "correlation id (" + r.getKey() + ")", r.getValue().correlationId()))
                    .toList();
        }

        /** Every id of the owner's objects, each with what it is. */
        List<SweepValues.Value> everyId() {
            List<SweepValues.Value> ids = new ArrayList<>(connectionIds());
            ids.addAll(runIds());
            exceptions.forEach((label, e) -> ids.add(SweepValues.id("network exception id (" + label + ")", e.id())));
            contacts.forEach((label, id) -> ids.add(SweepValues.id("sandbox contact id (" + label + ")", id)));
            ids.add(SweepValues.id("sandbox webhook endpoint id", endpoint.id()));
            ids.add(SweepValues.id("inbound message id", messageId));
            ids.add(SweepValues.id("tenant id", tenant.id()));
            ids.add(SweepValues.id("quarantined record id", quarantined));
            ids.add(SweepValues.id("identity conflict id", identityConflict));
            return ids;
        }
    }

    /** The second tenant: who signs in for each role, and the credentials the tenant has of its own. */
    record Intruder(
            Tenant tenant,
            Map<Role, String> usernames,
            String crmApiKey,
            String billingClientId,
            String billingClientSecret,
            String billingToken,
            String calendarClientId,
            String calendarClientSecret,
            String calendarToken,
            ConnectionId webhooks,
            String webhookSecret,
            String draftName) {}

    private final TenantService tenants;
    private final PasswordEncoder encoder;
    private final ConnectionService connections;
    private final ConnectionLifecycle lifecycle;
    private final RunService runs;
    private final InboundService inbound;
    private final ConsentService consents;
    private final AuditService audit;
    private final EgressExceptionService exceptions;
    private final SandboxCrm crm;
    private final Quarantine quarantine;
    private final IdentityConflicts identities;
    private final CoreStoreRepository coreStore;
    private final TransactionTemplate tx;
    private final SandboxBilling billing;
    private final SandboxCalendar calendar;
    private final SecretVault vault;
    private final JdbcTemplate sql;
    private final ObjectMapper json;

    private final io.patchbay.observability.AlertChannels alertChannels;

    SweepTenants(ApplicationContext context) {
        this.tenants = context.getBean(TenantService.class);
        this.encoder = context.getBean(PasswordEncoder.class);
        this.connections = context.getBean(ConnectionService.class);
        this.lifecycle = context.getBean(ConnectionLifecycle.class);
        this.runs = context.getBean(RunService.class);
        this.inbound = context.getBean(InboundService.class);
        this.consents = context.getBean(ConsentService.class);
        this.audit = context.getBean(AuditService.class);
        this.exceptions = context.getBean(EgressExceptionService.class);
        this.crm = context.getBean(SandboxCrm.class);
        this.quarantine = context.getBean(Quarantine.class);
        this.identities = context.getBean(IdentityConflicts.class);
        this.coreStore = context.getBean(CoreStoreRepository.class);
        this.tx = context.getBean(TransactionTemplate.class);
        this.billing = context.getBean(SandboxBilling.class);
        this.calendar = context.getBean(SandboxCalendar.class);
        this.vault = context.getBean(SecretVault.class);
        this.sql = context.getBean(JdbcTemplate.class);
        this.json = context.getBean(ObjectMapper.class);
        this.alertChannels = context.getBean(io.patchbay.observability.AlertChannels.class);
    }

    /**
     * An owner with an active Sandbox CRM connection that synced, a draft, a signed-webhooks connection that received
     * messages, a CSV upload connection with a file, a Sandbox Calendar connection with a completed consent, a network
     * exception an engineer approved and one waiting, a contact and a webhook endpoint in its sandbox account, and the
     * audit trail of all that; returned once every sync, delivery and staged message has been taken up. Schedules are
     * a day long, so nothing runs again while the sweep does.
     */
    Owner owner() {
        String tok = marker();
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Owner " + tok);
        TenantId id = tenant.id();
        Map<String, ConnectionId> theirs = new LinkedHashMap<>();
        Map<String, String> distinctive = new LinkedHashMap<>();

        String email = "ottilie.owner." + tok + "@example.com";
        SandboxContact contact =
                admin(id, () -> crm.addContact("Ottilie", "Owner" + tok, email, "Owner " + tok + " Holdings"));
        // a contact typed badly in the CRM: the first sync quarantines it
        String badEmail = "quentin.quarantine." + tok + "(at)example.com";
        admin(id, () -> crm.addContact("Quentin", "Quarantine" + tok, badEmail, null));
        String apiKey = admin(id, crm::apiKey);
        theirs.put(
                ACTIVE_CRM,
                admin(id, () -> {
                            Connection draft = connections.startSetup("sandbox-crm-contacts");
                            connections.saveDetails(
                                    draft.id(), versionOf(draft.id()), crmDetails("Owner CRM " + tok, apiKey));
                            connections.saveSchedule(
                                    draft.id(), versionOf(draft.id()), ConnectionService.MAX_SCHEDULE_MINUTES);
                            return lifecycle.activate(draft.id(), versionOf(draft.id()));
                        })
                        .id());
        theirs.put(
                DRAFT,
                admin(id, () -> {
                            Connection draft = connections.startSetup("sandbox-crm-contacts");
                            return connections.saveDetails(
                                    draft.id(), versionOf(draft.id()), crmDetails("Owner draft " + tok, apiKey));
                        })
                        .id());

        ConnectionId webhooks = admin(id, () -> connections.startSetup("sandbox-billing-invoice-events"))
                .id();
        SandboxWebhookEndpoint endpoint = admin(id, () -> billing.addWebhookEndpoint(inbound.webhookUrl(webhooks)));
        String signingSecret =
                admin(id, () -> billing.webhookSecret(endpoint.id())).orElseThrow();
        admin(id, () -> {
            ObjectNode settings =
                    (ObjectNode) connections.find(webhooks).orElseThrow().settings();
            connections.saveDetails(
                    webhooks,
                    versionOf(webhooks),
                    new ConnectionDetails(
                            "Owner invoice webhooks " + tok, settings, Map.of("signingSecret", signingSecret)));
            return lifecycle.activate(webhooks, versionOf(webhooks));
        });
        theirs.put(WEBHOOKS, webhooks);
        Actors.as(id, Role.CUSTOMER_ADMIN, () -> billing.issueInvoices(2));
        String messageId = "owner-msg-" + tok;
        var delivered = SignedWebhooks.post(
                HTTP, inbound.webhookUrl(webhooks), signingSecret, messageId, invoiceEvent("in_owner_" + tok));
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);

        String keyColumn = "owner_key_" + tok;
        String file = "owner-" + tok + ".csv";
        theirs.put(
                CSV,
                admin(id, () -> {
                            Connection draft = connections.startSetup("csv-upload");
                            ObjectNode settings =
                                    ((ObjectNode) draft.settings().deepCopy()).put("keyColumn", keyColumn);
                            connections.saveDetails(
                                    draft.id(),
                                    versionOf(draft.id()),
                                    new ConnectionDetails("Owner CSV " + tok, settings, Map.of()));
                            inbound.upload(
                                    draft.id(),
                                    file,
                                    (keyColumn + ";name\n1;Owner row " + tok + "\n2;Owner row " + tok + " too\n")
                                            .getBytes(StandardCharsets.UTF_8));
                            return lifecycle.activate(draft.id(), versionOf(draft.id()));
                        })
                        .id());

        Connection consented = ConsentFixtures.calendarDraft(connections, calendar, id, "Owner calendar " + tok);
        assertThat(ConsentFixtures.connect(consents, consented, id, true).failed())
                .isEmpty();
        admin(id, () -> {
            connections.saveSchedule(consented.id(), versionOf(consented.id()), ConnectionService.MAX_SCHEDULE_MINUTES);
            return lifecycle.activate(consented.id(), versionOf(consented.id()));
        });
        theirs.put(CALENDAR, consented.id());

        String note = "Approved for Owner " + tok + "'s ERP";
        Actors.as(id, Role.CUSTOMER_ADMIN, () -> {
            exceptions.request("10.199.71.23", "Owner " + tok + " reaches its ERP on the office network");
            exceptions.request("10.199.71.24", "Owner " + tok + " reporting database, waiting for review");
        });
        Actors.as(
                id,
                Role.SOLUTIONS_ENGINEER,
                () -> exceptions.approve(
                        exceptionFor(id, "10.199.71.23").id(), Instant.now().plus(Duration.ofDays(30)), note));
        Map<String, EgressException> held = new LinkedHashMap<>();
        held.put("approved", exceptionFor(id, "10.199.71.23"));
        held.put("pending", exceptionFor(id, "10.199.71.24"));

        awaitTakenUp(id, theirs);
        assertThat(admin(id, () -> runs.linkedRecords(theirs.get(ACTIVE_CRM))))
                .as("the CRM connection synced")
                .isPositive();
        assertThat(admin(
                        id,
                        () -> audit.entriesFor(
                                "connection", theirs.get(ACTIVE_CRM).toString(), 10)))
                .as("the owner's audit trail")
                .isNotEmpty();

        UUID quarantined = admin(id, () -> quarantine.records(QuarantineFilter.of(theirs.get(ACTIVE_CRM)), null, 5))
                .getFirst()
                .id();

        // two records of the CRM with one email, matched by a rule: the second waits in the identity review
        String twinEmail = "iris.identity." + tok + "@example.com";
        var rules = new IdentityRules(List.of(new MatchRule(MatchRule.Kind.EMAIL, "email")));
        List<MappedRecord> twins = List.of(1, 2).stream()
                .map(n -> new MappedRecord(
                        "identity-" + n + "-" + tok,
                        json.createObjectNode()
                                .put("firstName", "Iris")
                                .put("lastName", "Identity" + tok)
                                .put("email", twinEmail),
                        List.of()))
                .toList();
        CurrentTenant.callAs(
                id, () -> tx.execute(s -> coreStore.upsert(theirs.get(ACTIVE_CRM), "contact", twins, rules, "sweep")));
        UUID identityConflict = admin(id, () -> identities.open(5)).getFirst().id();

        Map<String, Run> theirRuns = new LinkedHashMap<>();
        theirs.forEach((label, connection) -> {
            List<Run> recent = admin(id, () -> runs.recentRuns(connection, 20));
            for (int i = 0; i < recent.size(); i++) {
                theirRuns.put(label + " #" + (i + 1), recent.get(i));
            }
        });
        Map<String, Long> contacts = new LinkedHashMap<>();
        contacts.put("added", contact.id());
        admin(id, () -> crm.recentlyChanged(10)).stream()
                .filter(c -> c.id() != contact.id())
                .findFirst()
                .ifPresent(c -> contacts.put("seeded", c.id()));
        OAuth2Tokens tokens =
                OAuth2Tokens.from(sealedSecrets(id, consented.id())).orElseThrow();

        distinctive.put(tenant.name(), "tenant name");
        distinctive.put(tenant.slug(), "tenant slug");
        distinctive.put(tenant.id().toString(), "tenant id");
        theirs.forEach((label, connection) -> {
            Connection c = admin(id, () -> connections.find(connection)).orElseThrow();
            distinctive.put(c.name(), "connection name (" + label + ")");
            distinctive.put(connection.toString(), "connection id (" + label + ")");
            c.secretHints().forEach((key, hint) -> distinctive.put(hint, "hint of secret " + key + " (" + label + ")"));
        });
        theirRuns.forEach((label, run) -> {
            distinctive.put(run.id().toString(), "run id (" + label + ")");
            distinctive.put(run.correlationId(), "run correlation id (" + label + ")");
        });
        distinctive.put(keyColumn, "CSV key column setting");
        distinctive.put(file, "uploaded file name");
        distinctive.put("Owner row " + tok, "uploaded row");
        distinctive.put(messageId, "inbound message id");
        distinctive.put("in_owner_" + tok, "pushed invoice id");
        distinctive.put(apiKey, "sandbox CRM API key");
        distinctive.put(admin(id, billing::clientId), "sandbox billing client id");
        distinctive.put(admin(id, billing::clientSecret), "sandbox billing client secret");
        distinctive.put(admin(id, calendar::clientId), "sandbox calendar client id");
        distinctive.put(admin(id, calendar::clientSecret), "sandbox calendar client secret");
        distinctive.put(signingSecret, "webhook signing secret");
        distinctive.put(endpoint.url(), "sandbox webhook endpoint URL");
        distinctive.put(tokens.accessToken(), "calendar access token");
        distinctive.put(tokens.refreshToken(), "calendar refresh token");
        distinctive.put(email, "sandbox contact email");
        String alertAddress = "owner-alerts-" + tok + "@example.com";
        UUID alertChannel =
                admin(id, () -> alertChannels.addEmail(alertAddress)).id();
        distinctive.put(alertAddress, "alert channel's email address");
        distinctive.put(badEmail, "quarantined contact's email");
        distinctive.put("Quarantine" + tok, "quarantined contact's last name");
        distinctive.put(quarantined.toString(), "quarantined record id");
        distinctive.put(twinEmail, "email of a record in the identity review");
        distinctive.put(identityConflict.toString(), "identity conflict id");
        distinctive.put("Owner" + tok, "sandbox contact's last name");
        distinctive.put("Owner " + tok + " Holdings", "sandbox contact's company");
        held.forEach((label, e) -> {
            distinctive.put(e.host(), "network exception host (" + label + ")");
            distinctive.put(e.reason(), "network exception reason (" + label + ")");
            distinctive.put(e.id().toString(), "network exception id (" + label + ")");
        });
        distinctive.put(note, "network exception approval note");
        // a hint of a short secret is only "••••", and such short values could be anything
        distinctive.keySet().removeIf(value -> value.length() < 8);

        return new Owner(
                tenant,
                theirs,
                theirRuns,
                held,
                contacts,
                email,
                endpoint,
                messageId,
                admin(id, billing::clientId),
                admin(id, calendar::clientId),
                tokens.refreshToken(),
                quarantined,
                identityConflict,
                alertChannel,
                distinctive);
    }

    /**
     * An intruder with a customer admin, a support agent and a solutions engineer, a webhook draft of its own with a
     * signing secret, and its own sandbox credentials: the CRM API key, a billing access token and a calendar access
     * token from a consent in its own account. Each credential is shown to work, so that refusals elsewhere mean
     * something.
     */
    Intruder intruder() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Intruder " + marker());
        TenantId id = tenant.id();
        Map<Role, String> usernames = new EnumMap<>(Role.class);
        usernames.put(Role.CUSTOMER_ADMIN, TenantFixtures.adminOf(tenant));
        usernames.put(Role.SUPPORT_AGENT, TenantFixtures.userWithRole(tenants, encoder, tenant, Role.SUPPORT_AGENT));
        usernames.put(
                Role.SOLUTIONS_ENGINEER,
                TenantFixtures.userWithRole(tenants, encoder, tenant, Role.SOLUTIONS_ENGINEER));

        String webhookSecret = SignedWebhooks.newSecret();
        String draftName = "Intruder's own webhooks";
        ConnectionId webhooks = admin(id, () -> {
                    Connection draft = connections.startSetup("sandbox-billing-invoice-events");
                    return connections.saveDetails(
                            draft.id(),
                            versionOf(draft.id()),
                            new ConnectionDetails(
                                    draftName, (ObjectNode) draft.settings(), Map.of("signingSecret", webhookSecret)));
                })
                .id();

        String crmApiKey = admin(id, crm::apiKey);
        String billingClientId = admin(id, billing::clientId);
        String billingClientSecret = admin(id, billing::clientSecret);
        String calendarClientId = admin(id, calendar::clientId);
        String calendarClientSecret = admin(id, calendar::clientSecret);
        String billingToken = accessToken(call(
                "POST",
                billing.tokenUrl(),
                Map.of(
                        "Authorization",
                        basic(billingClientId, billingClientSecret),
                        "Content-Type",
                        "application/x-www-form-urlencoded"),
                "grant_type=client_credentials"));
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        HttpResponse<String> allowed = call(
                "POST",
                calendar.authorizeUrl(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                authorization(calendarClientId, calendar.redirectUri(), "allow", challenge(verifier)));
        String code = UriComponentsBuilder.fromUriString(
                        allowed.headers().firstValue("Location").orElseThrow())
                .build()
                .getQueryParams()
                .getFirst("code");
        String calendarToken = accessToken(call(
                "POST",
                calendar.tokenUrl(),
                Map.of(
                        "Authorization",
                        basic(calendarClientId, calendarClientSecret),
                        "Content-Type",
                        "application/x-www-form-urlencoded"),
                form(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        calendar.redirectUri(),
                        "code_verifier",
                        verifier)));

        assertThat(call("GET", crm.apiUrl() + "/contacts", Map.of("X-API-Key", crmApiKey), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(call(
                                "GET",
                                billing.baseUrl() + "/v1/invoices",
                                Map.of("Authorization", "Bearer " + billingToken),
                                null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(call(
                                "GET",
                                calendar.baseUrl() + "/v1/events",
                                Map.of("Authorization", "Bearer " + calendarToken),
                                null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(SignedWebhooks.post(
                                HTTP,
                                inbound.webhookUrl(webhooks),
                                webhookSecret,
                                "intruder-own-" + UUID.randomUUID(),
                                invoiceEvent("in_intruder_own"))
                        .statusCode())
                .isEqualTo(202);

        return new Intruder(
                tenant,
                usernames,
                crmApiKey,
                billingClientId,
                billingClientSecret,
                billingToken,
                calendarClientId,
                calendarClientSecret,
                calendarToken,
                webhooks,
                webhookSecret,
                draftName);
    }

    /** Until every sync ran, every webhook the billing system sent arrived, and every staged message was read. */
    private void awaitTakenUp(TenantId id, Map<String, ConnectionId> theirs) {
        ConnectionId webhooks = theirs.get(WEBHOOKS);
        Awaitility.await("the owner's syncs and deliveries")
                .atMost(TAKEN_UP)
                .until(() -> theirs.entrySet().stream()
                                .filter(c -> !c.getKey().equals(DRAFT))
                                .allMatch(c -> finishedRuns(id, c.getValue()))
                        && admin(id, () -> inbound.countMessages(webhooks)) == 3
                        && admin(id, () -> billing.webhookEndpoints()).get(0).delivered() == 2);
        Awaitility.await("the owner's runs to have read every delivery")
                .atMost(TAKEN_UP)
                .until(() -> finishedRuns(id, webhooks)
                        && sql.queryForObject(
                                        "select count(*) from inbound_message where tenant_id = ? and sequence is null",
                                        Integer.class,
                                        id.value())
                                == 0);
    }

    private boolean finishedRuns(TenantId tenant, ConnectionId connection) {
        List<Run> recent = admin(tenant, () -> runs.recentRuns(connection, 20));
        return !recent.isEmpty() && recent.stream().allMatch(run -> run.status().finished());
    }

    private EgressException exceptionFor(TenantId tenant, String host) {
        return admin(tenant, () -> exceptions.list()).stream()
                .filter(e -> e.host().equals(host))
                .findFirst()
                .orElseThrow();
    }

    /** The connection's secrets as the vault keeps them sealed (for its consented tokens). */
    private Map<String, String> sealedSecrets(TenantId tenant, ConnectionId connection) {
        byte[] cipher = sql.queryForObject(
                "select secret_cipher from connection where id = ?", byte[].class, connection.value());
        return json.readValue(
                vault.open(tenant, "connection/" + connection, cipher), new TypeReference<Map<String, String>>() {});
    }

    private ConnectionDetails crmDetails(String name, String apiKey) {
        return new ConnectionDetails(
                name, JsonNodeFactory.instance.objectNode().put("apiUrl", crm.apiUrl()), Map.of("apiKey", apiKey));
    }

    /** An event as the sandbox billing system pushes it, about one invoice. */
    static String invoiceEvent(String invoice) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "invoice.created");
        event.putObject("data")
                .put("id", invoice)
                .put("customer", "cus_1")
                .put("number", "INV-" + invoice)
                .put("amount_cents", 1200)
                .put("currency", "EUR")
                .put("status", "open");
        return event.toString();
    }

    /** What the sandbox calendar's sign-in page is asked (and, with a decision, answered) for a client. */
    static String authorization(String clientId, String redirectUri, @Nullable String decision) {
        return authorization(clientId, redirectUri, decision, challenge("v".repeat(43)));
    }

    private static String authorization(
            String clientId, String redirectUri, @Nullable String decision, String codeChallenge) {
        String form = form(
                "client_id", clientId,
                "redirect_uri", redirectUri,
                "response_type", "code",
                "scope", "events.read",
                "state", "sweep",
                "code_challenge", codeChallenge,
                "code_challenge_method", "S256");
        return decision == null ? form : form + "&decision=" + decision;
    }

    /** A form body of name, value, name, value, ... */
    static String form(String... pairs) {
        return Stream.iterate(0, i -> i < pairs.length, i -> i + 2)
                .map(i -> pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String accessToken(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).path("access_token").asString();
    }

    private static HttpResponse<String> call(
            String method, String url, Map<String, String> headers, @Nullable String body) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T admin(TenantId tenant, Supplier<T> work) {
        return Actors.as(tenant, Role.CUSTOMER_ADMIN, work);
    }

    /** A few random characters that make one run's names and values its own. */
    private static String marker() {
        return HexFormat.of().formatHex(randomBytes(3));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The version a person who opened the connection now would save on. */
    private int versionOf(ConnectionId id) {
        return connections.find(id).orElseThrow().version();
    }
}
