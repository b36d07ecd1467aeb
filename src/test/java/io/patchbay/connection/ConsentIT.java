package io.patchbay.connection;

import static io.patchbay.db.Tables.CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.observability.Health;
import io.patchbay.observability.HealthService;
import io.patchbay.observability.HealthStatus;
import io.patchbay.sandbox.SandboxCalendar;
import io.patchbay.security.SecretVault;
import io.patchbay.support.Actors;
import io.patchbay.support.ConsentFixtures;
import io.patchbay.support.HealthFixtures;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.TenantFixtures;
import io.patchbay.sync.Run;
import io.patchbay.sync.RunId;
import io.patchbay.sync.RunService;
import io.patchbay.sync.RunStatus;
import io.patchbay.sync.RunTrigger;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection signed in by a person's consent, end to end over HTTP against the sandbox calendar: Allow on its
 * sign-in page, the code redeemed and the tokens sealed, syncs that read events, an access token that expires and is
 * refreshed (the rotated refresh token stored), and a revoked consent that stops the connection with an AUTH error
 * whose fix is to reconnect.
 */
@IntegrationTest
class ConsentIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    ConnectionLifecycle lifecycle;

    @Autowired
    ConsentService consents;

    @Autowired
    RunService runs;

    @Autowired
    HealthService health;

    @Autowired
    SandboxCalendar calendar;

    @Autowired
    SecretVault vault;

    @Autowired
    DSLContext db;

    @Autowired
    ObjectMapper json;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Consent Co");
    }

    @Test
    void aConsentSignsTheConnectionInAndItsTokensStayFreshUntilTheConsentIsRevoked() {
        Connection draft = ConsentFixtures.calendarDraft(connections, calendar, tenant.id(), "Ada's calendar");
        assertThatThrownBy(() -> admin(() -> lifecycle.activate(draft.id(), draft.version())))
                .as("no activation before the consent")
                .isInstanceOf(InvalidSetupException.class)
                .hasMessageContaining("Patchbay is not connected to Sandbox Calendar yet.");

        ConsentOutcome outcome = ConsentFixtures.connect(consents, draft, tenant.id(), true);

        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.connection()).isEqualTo(draft.id());
        assertThat(admin(() -> consents.consent(draft.id())).orElseThrow().account())
                .isEqualTo(SandboxCalendar.USER_NAME + " (" + SandboxCalendar.USER_EMAIL + ")");
        OAuth2Tokens first = storedTokens(draft.id());
        assertSealed(draft.id(), first);

        CheckResult test = admin(() -> connections.testConnection(draft.id(), noNewSecrets(draft)));
        assertThat(test.summary())
                .isEqualTo("Connected to Sandbox Calendar: " + admin(calendar::eventCount) + " events visible.");
        assertThat(storedTokens(draft.id())).as("nothing to refresh yet").isEqualTo(first);

        // refreshed inside Test connection's read-only transaction, and inside activation's row lock: the rotated
        // tokens are written once those transactions have ended
        admin(calendar::expireAccessTokens);
        assertThat(admin(() -> connections.testConnection(draft.id(), noNewSecrets(draft)))
                        .success())
                .isTrue();
        OAuth2Tokens tested = storedTokens(draft.id());
        assertThat(tested.refreshToken()).isNotEqualTo(first.refreshToken());
        admin(calendar::expireAccessTokens);
        admin(() -> lifecycle.activate(draft.id(), draft.version()));
        OAuth2Tokens activated = storedTokens(draft.id());
        assertThat(activated.refreshToken()).isNotEqualTo(tested.refreshToken());

        await().atMost(Duration.ofSeconds(90))
                .until(() -> newest(draft.id()).status().finished());
        assertThat(newest(draft.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(newest(draft.id()).recordsRead()).isEqualTo(admin(calendar::eventCount));

        admin(calendar::expireAccessTokens);
        admin(() -> calendar.moveEvents(3));
        Run refreshed = runNowAndWait(draft.id());
        assertThat(refreshed.status())
                .as(String.valueOf(refreshed.errorMessage()))
                .isEqualTo(RunStatus.SUCCEEDED);
        assertThat(refreshed.recordsRead()).isBetween(3, 4);
        OAuth2Tokens second = storedTokens(draft.id());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.refreshToken()).as("rotated").isNotEqualTo(activated.refreshToken());
        assertSealed(draft.id(), second);
        assertThat(refreshAt(first.refreshToken()))
                .as("the replaced refresh token is spent")
                .isEqualTo(400);

        admin(calendar::revokeConsents);
        Run revoked = runNowAndWait(draft.id());
        assertThat(revoked.status()).isEqualTo(RunStatus.FAILED);
        assertThat(revoked.errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(revoked.errorMessage()).contains("no longer accepts this connection's sign-in (invalid_grant)");
        assertThat(revoked.errorFix()).startsWith("Reconnect to Sandbox Calendar");
        Health failing = HealthFixtures.awaitHealth(health, tenant.id(), draft.id(), HealthStatus.FAILING);
        assertThat(failing.fix()).startsWith("Reconnect to Sandbox Calendar");

        Connection active = admin(() -> connections.find(draft.id())).orElseThrow();
        assertThat(ConsentFixtures.connect(consents, active, tenant.id(), true).failed())
                .isEmpty();
        // access granted again is not failing, and a sync checks it at once: nobody presses Run now
        Run checked = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> admin(() -> runs.timeline(draft.id(), null, 1)).get(0),
                        run -> run.trigger() == RunTrigger.RECONNECT
                                && run.status().finished());
        assertThat(checked.status()).as("reconnected").isEqualTo(RunStatus.SUCCEEDED);
        assertThat(HealthFixtures.awaitHealth(health, tenant.id(), draft.id(), HealthStatus.CONNECTED)
                        .reason())
                .endsWith("The failed sync before it is cleared.");
    }

    @Test
    void aDeniedConsentIsAnAuthErrorAndLeavesTheConnectionUnconnected() {
        Connection draft = ConsentFixtures.calendarDraft(connections, calendar, tenant.id(), "Denied calendar");

        ConnectorError error = ConsentFixtures.connect(consents, draft, tenant.id(), false)
                .failed()
                .orElseThrow();

        assertThat(error.errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(error.message()).contains("was not allowed (access_denied)");
        assertThat(error.fix()).isEqualTo("Reconnect to Sandbox Calendar and press Allow.");
        assertThat(admin(() -> consents.consent(draft.id()))).isEmpty();
        assertThat(OAuth2Tokens.from(storedSecrets(draft.id()))).isEmpty();
    }

    @Test
    void anAnswerWithAnotherStateIsRefusedAndTheRealOneStillCounts() {
        Connection draft = ConsentFixtures.calendarDraft(connections, calendar, tenant.id(), "Forged calendar");
        ConsentSession session = new ConsentSession();
        Map<String, String> back = ConsentFixtures.answer(admin(() -> consents.start(draft.id(), session)), true);

        ConsentOutcome forged = admin(() -> consents.complete(session, Map.of("code", back.get("code"), "state", "x")));

        assertThat(forged.connection()).as("told on the setup it was for").isEqualTo(draft.id());
        assertThat(forged.failed().orElseThrow().errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(forged.failed().orElseThrow().message())
                .contains("could not match the answer from Sandbox Calendar");
        assertThat(forged.failed().orElseThrow().fix()).startsWith("Reconnect to Sandbox Calendar");
        assertThat(admin(() -> consents.complete(session, back)).failed()).isEmpty();
        assertThat(admin(() -> consents.complete(session, back)).failed())
                .as("each state counts once")
                .hasValueSatisfying(e -> assertThat(e.message()).contains("could not match"));
    }

    @Test
    void aCodeThatWasUsedAlreadyIsRefusedWithTheFixToReconnect() {
        Connection draft = ConsentFixtures.calendarDraft(connections, calendar, tenant.id(), "Replayed calendar");
        ConsentSession session = new ConsentSession();
        Map<String, String> first = ConsentFixtures.answer(admin(() -> consents.start(draft.id(), session)), true);
        assertThat(admin(() -> consents.complete(session, first)).failed()).isEmpty();
        Map<String, String> second = ConsentFixtures.answer(admin(() -> consents.start(draft.id(), session)), true);

        ConnectorError error = admin(() ->
                        consents.complete(session, Map.of("state", second.get("state"), "code", first.get("code"))))
                .failed()
                .orElseThrow();

        assertThat(error.errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(error.message())
                .isEqualTo("Sandbox Calendar did not accept the sign-in (invalid_grant): the code has expired or was "
                        + "used already.");
        assertThat(error.fix()).startsWith("Reconnect to Sandbox Calendar");
    }

    private void assertSealed(ConnectionId id, OAuth2Tokens tokens) {
        var row = db.selectFrom(CONNECTION).where(CONNECTION.ID.eq(id.value())).fetchSingle();
        String stored = new String(row.getSecretCipher(), StandardCharsets.ISO_8859_1)
                + row.getConfig().data()
                + row.getSecretHints().data();
        assertThat(stored).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
        assertThat(row.getSecretHints().data()).doesNotContain("oauth2");
    }

    private OAuth2Tokens storedTokens(ConnectionId id) {
        return OAuth2Tokens.from(storedSecrets(id)).orElseThrow();
    }

    private Map<String, String> storedSecrets(ConnectionId id) {
        byte[] cipher = db.select(CONNECTION.SECRET_CIPHER)
                .from(CONNECTION)
                .where(CONNECTION.ID.eq(id.value()))
                .fetchSingle()
                .value1();
        return json.readValue(vault.open(tenant.id(), "connection/" + id, cipher), new TypeReference<>() {});
    }

    /** The HTTP status the sandbox calendar answers a refresh with this token. */
    private int refreshAt(String refreshToken) {
        String client = admin(calendar::clientId) + ":" + admin(calendar::clientSecret);
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(calendar.tokenUrl()))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString(client.getBytes(StandardCharsets.UTF_8)))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "grant_type=refresh_token&refresh_token=" + refreshToken))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ConnectionDetails noNewSecrets(Connection connection) {
        return new ConnectionDetails(connection.name(), (ObjectNode) connection.settings(), Map.of());
    }

    private <T> T admin(Supplier<T> work) {
        return Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, work);
    }

    private Run newest(ConnectionId connection) {
        return admin(() -> runs.recentRuns(connection, 1)).get(0);
    }

    private Run runNowAndWait(ConnectionId connection) {
        RunId id = admin(() -> runs.runNow(connection));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> admin(() -> runs.find(id)).orElseThrow().status().finished());
        return admin(() -> runs.find(id)).orElseThrow();
    }
}
