package io.patchbay.security;

import static io.patchbay.db.Tables.AUDIT_ENTRY;
import static io.patchbay.db.Tables.CONNECTION;
import static io.patchbay.db.Tables.CONNECTION_CONSENT;
import static io.patchbay.db.Tables.SYNC_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.patchbay.audit.AuditService;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionLifecycle;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.ConsentService;
import io.patchbay.connection.ConsentSession;
import io.patchbay.observability.HealthService;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.sandbox.SandboxCrm;
import io.patchbay.support.Actors;
import io.patchbay.support.ConnectionFixtures;
import io.patchbay.support.ConsentFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A canary secret goes through setup, Test connection, a failing run, health and audit; it must come out nowhere: not
 * in a log line, a stack trace, a stored row in clear, an error, a health reason or an audit entry.
 */
@IntegrationTest
class SecretHygieneIT {

    private static final String CANARY = "sbx_canary_5e1f0c7d9a2b";

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    io.patchbay.connection.ConnectionRuntime runtime;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    RunService runs;

    @Autowired
    HealthService health;

    @Autowired
    AuditService audit;

    @Autowired
    SandboxCrm crm;

    @Autowired
    DSLContext db;

    @Autowired
    ConsentService consents;

    @Autowired
    SandboxCalendar calendar;

    @Autowired
    SecretVault vault;

    @Autowired
    ObjectMapper json;

    @Test
    void theCanaryIsNeverShownLoggedOrStoredInClear() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Canary Co");
        Connection connection =
                ConnectionFixtures.activeSandboxCrm(connections, lifecycle, crm, tenant.id(), "Canary CRM");

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        List<String> shown = new ArrayList<>();
        try {
            Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
                var details = ConnectionFixtures.sandboxDetails("Canary CRM", crm.apiUrl(), CANARY);
                shown.add(connections.testConnection(connection.id(), details).toString());
                shown.add(connections
                        .saveDetails(connection.id(), connection.version(), details)
                        .toString());
                RunId run = runs.runNow(connection.id());
                await().atMost(Duration.ofSeconds(90))
                        .pollInSameThread()
                        .until(() -> runs.find(run).orElseThrow().status().finished());
                shown.add(runs.find(run).orElseThrow().toString());
                shown.add(health.current(connection.id()).toString());
                shown.add(health.transitions(connection.id(), 50).toString());
                shown.add(audit.entriesFor("connection", connection.id().toString(), 50)
                        .toString());
            });
        } finally {
            root.detachAppender(appender);
        }
        for (ILoggingEvent event : appender.list) {
            shown.add(event.getFormattedMessage());
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                shown.add(error.getMessage());
            }
        }
        assertThat(shown)
                .as("what the run, health and audit say")
                .anyMatch(line -> line.contains("The API key was rejected"));
        assertThat(shown).noneMatch(line -> line != null && line.contains(CANARY));

        var row = db.selectFrom(CONNECTION)
                .where(CONNECTION.ID.eq(connection.id().value()))
                .fetchSingle();
        assertThat(new String(row.getSecretCipher(), StandardCharsets.ISO_8859_1))
                .doesNotContain(CANARY);
        assertThat(row.getConfig().data() + row.getSecretHints().data()).doesNotContain(CANARY);
        assertThat(db.select(AUDIT_ENTRY.DETAILS).from(AUDIT_ENTRY).fetch().toString())
                .doesNotContain(CANARY);
        assertThat(db.select(SYNC_RUN.ERROR_MESSAGE, SYNC_RUN.ERROR_FIX)
                        .from(SYNC_RUN)
                        .fetch()
                        .toString())
                .doesNotContain(CANARY);
    }

    /**
     * The same for the tokens a consent gives (which the provider chooses, so they are read back from the vault):
     * through the consent, Test connection, a sync, a refresh with a rotated refresh token and a revoked consent, no
     * access token, refresh token or authorization code is shown, logged or stored in clear.
     */
    @Test
    void consentedTokensAreNeverShownLoggedOrStoredInClear() {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Token Co");
        Connection draft = ConsentFixtures.calendarDraft(connections, calendar, tenant.id(), "Token calendar");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        List<String> shown = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        try {
            Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
                ConsentSession session = new ConsentSession();
                Map<String, String> back = ConsentFixtures.answer(consents.start(draft.id(), session), true);
                tokens.add(back.get("code"));
                shown.add(consents.complete(session, back).toString());
                tokens.addAll(tokensOf(tenant, draft));
                shown.add(consents.consent(draft.id()).toString());
                shown.add(connections
                        .testConnection(
                                draft.id(),
                                new ConnectionDetails(draft.name(), (ObjectNode) draft.settings(), Map.of()))
                        .toString());
                shown.add(lifecycle
                        .activate(
                                draft.id(),
                                connections.find(draft.id()).orElseThrow().version())
                        .toString());
                shown.add(runtime.resolve(draft.id()).orElseThrow().config().toString());
                calendar.expireAccessTokens();
                shown.add(finished(runs.runNow(draft.id())).toString());
                tokens.addAll(tokensOf(tenant, draft));
                calendar.revokeConsents();
                shown.add(finished(runs.runNow(draft.id())).toString());
                shown.add(health.current(draft.id()).toString());
                shown.add(health.transitions(draft.id(), 50).toString());
                shown.add(audit.entriesFor("connection", draft.id().toString(), 50)
                        .toString());
            });
        } finally {
            root.detachAppender(appender);
        }
        for (ILoggingEvent event : appender.list) {
            shown.add(event.getFormattedMessage());
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                shown.add(error.getMessage());
            }
        }
        assertThat(shown)
                .as("what the run, health and audit say")
                .anyMatch(line -> line.contains("no longer accepts this connection's sign-in"));
        assertThat(tokens)
                .as("a code and two generations of tokens")
                .doesNotHaveDuplicates()
                .hasSize(5);
        var row = db.selectFrom(CONNECTION)
                .where(CONNECTION.ID.eq(draft.id().value()))
                .fetchSingle();
        String stored = new String(row.getSecretCipher(), StandardCharsets.ISO_8859_1)
                + row.getConfig().data()
                + row.getSecretHints().data()
                + db.selectFrom(CONNECTION_CONSENT).fetch()
                + db.select(AUDIT_ENTRY.DETAILS).from(AUDIT_ENTRY).fetch()
                + db.select(SYNC_RUN.ERROR_MESSAGE, SYNC_RUN.ERROR_FIX)
                        .from(SYNC_RUN)
                        .fetch();
        for (String token : tokens) {
            assertThat(shown).noneMatch(line -> line != null && line.contains(token));
            assertThat(stored).doesNotContain(token);
        }
    }

    /** The access and refresh token in the connection's sealed secrets. */
    private List<String> tokensOf(Tenant tenant, Connection connection) {
        byte[] cipher = db.select(CONNECTION.SECRET_CIPHER)
                .from(CONNECTION)
                .where(CONNECTION.ID.eq(connection.id().value()))
                .fetchSingle()
                .value1();
        Map<String, String> secrets = json.readValue(
                vault.open(tenant.id(), "connection/" + connection.id(), cipher), new TypeReference<>() {});
        OAuth2Tokens tokens = OAuth2Tokens.from(secrets).orElseThrow();
        return List.of(tokens.accessToken(), tokens.refreshToken());
    }

    private Run finished(RunId run) {
        await().atMost(Duration.ofSeconds(90))
                .pollInSameThread()
                .until(() -> runs.find(run).orElseThrow().status().finished());
        return runs.find(run).orElseThrow();
    }
}
