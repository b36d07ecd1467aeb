package io.patchbay.catalog.internal.manifest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.catalog.spi.ConsentGrant;
import io.patchbay.catalog.spi.ConsentRequest;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.TestEgress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * The sandbox calendar's manifest (OAuth2 authorization code) run against a stand-in provider: the consent URL
 * carries the state and a PKCE challenge, the code is redeemed with the verifier, and access tokens are refreshed as
 * they expire or are rejected, each rotated refresh token handed to the connection's token store.
 */
class SandboxCalendarManifestTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final URI CALLBACK = URI.create("https://hub.example.com/consent/callback");
    private static final String EVENTS = "{\"data\":[],\"total\":7,\"next\":null}";

    private final ObjectMapper json = new ObjectMapper();
    private final EgressClient egress = TestEgress.reachingLoopback(new EgressProperties(
            List.of("localhost"), Duration.ofSeconds(5), Duration.ofSeconds(5), DataSize.ofMegabytes(1), 1));
    private final Connector connector = new ManifestConnectors(egress, json)
            .load("sandbox-calendar.yaml", getClass().getResourceAsStream("/connectors/sandbox-calendar.yaml"));
    private final List<OAuth2Tokens> stored = new ArrayList<>();

    @Test
    void theConsentUrlAsksForTheCodeWithStateAndAnS256Challenge() throws Exception {
        ConsentRequest request = ConsentRequest.start(CALLBACK);
        URI url = connector.consentUrl(config(Map.of()), request);
        var query = UriComponentsBuilder.fromUri(url).build().getQueryParams();
        assertThat(connector.spec().can(Capability.CONSENT)).isTrue();
        assertThat(url.toString()).startsWith(provider.baseUrl() + "/oauth/authorize?");
        assertThat(query.toSingleValueMap())
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "patchbay")
                .containsEntry("scope", "events.read")
                .containsEntry("state", request.state())
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", s256(request.codeVerifier()));
        assertThat(decoded(query.getFirst("redirect_uri"))).isEqualTo(CALLBACK.toString());
        assertThat(url.toString()).doesNotContain(request.codeVerifier()).doesNotContain("client-secret");
    }

    @Test
    void theCodeIsRedeemedWithItsVerifierForTokensAndWhoConsented() {
        provider.stubFor(post(urlPathEqualTo("/oauth/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson("{\"access_token\":\"a1\",\"token_type\":\"Bearer\",\"expires_in\":120,"
                        + "\"refresh_token\":\"r1\",\"user\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}")));
        ConsentRequest request = ConsentRequest.start(CALLBACK);

        ConsentGrant grant = connector.redeem(config(Map.of()), request, "the-code");

        assertThat(grant.account()).isEqualTo("Ada (ada@example.com)");
        assertThat(grant.tokens().accessToken()).isEqualTo("a1");
        assertThat(grant.tokens().refreshToken()).isEqualTo("r1");
        assertThat(grant.tokens().expiresAt()).isAfter(Instant.now().plusSeconds(100));
        provider.verify(postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo(basic("patchbay", "client-secret")))
                .withRequestBody(containing("code=the-code"))
                .withRequestBody(containing("code_verifier=" + request.codeVerifier()))
                .withRequestBody(containing("redirect_uri=" + encoded(CALLBACK.toString()))));
    }

    @Test
    void aRefusedCodeIsAnAuthErrorWhoseFixIsToReconnect() {
        provider.stubFor(post(urlPathEqualTo("/oauth/token"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\"}")));
        assertThatThrownBy(() -> connector.redeem(config(Map.of()), ConsentRequest.start(CALLBACK), "old-code"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.AUTH);
                    assertThat(e.error().message()).contains("invalid_grant").contains("expired");
                    assertThat(e.error().fix()).startsWith("Reconnect to Sandbox Calendar");
                });
    }

    @Test
    void withoutAConsentTestConnectionSaysToConnectFirst() {
        CheckResult result = connector.check(config(Map.of()));
        assertThat(result.success()).isFalse();
        assertThat(result.error().errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(result.error().fix())
                .isEqualTo("Press Connect to Sandbox Calendar, sign in there and allow access.");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedFirstAndTheRotatedRefreshTokenStored() {
        refreshAnswers("a2", "r2");
        provider.stubFor(get(urlPathEqualTo("/v1/events"))
                .withHeader("Authorization", equalTo("Bearer a2"))
                .willReturn(okJson(EVENTS)));
        Map<String, String> expired = new OAuth2Tokens("a1", "r1", Instant.now().minusSeconds(5)).secrets();

        assertThat(connector.check(config(expired)).success()).isTrue();

        assertThat(stored)
                .containsExactly(new OAuth2Tokens("a2", "r2", stored.get(0).expiresAt()));
        provider.verify(postRequestedFor(urlPathEqualTo("/oauth/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=r1")));
        provider.verify(
                0, getRequestedFor(urlPathEqualTo("/v1/events")).withHeader("Authorization", equalTo("Bearer a1")));
    }

    @Test
    void aRejectedAccessTokenIsRefreshedAndTheRequestMadeAgain() {
        refreshAnswers("a2", "r2");
        provider.stubFor(get(urlPathEqualTo("/v1/events"))
                .withHeader("Authorization", equalTo("Bearer a1"))
                .willReturn(aResponse().withStatus(401)));
        provider.stubFor(get(urlPathEqualTo("/v1/events"))
                .withHeader("Authorization", equalTo("Bearer a2"))
                .willReturn(okJson(EVENTS)));
        ConnectorConfig config =
                config(new OAuth2Tokens("a1", "r1", Instant.now().plusSeconds(600)).secrets());

        assertThat(connector.check(config).success()).isTrue();
        assertThat(connector.check(config).success())
                .as("the same configuration goes on with the new token")
                .isTrue();

        assertThat(stored).extracting(OAuth2Tokens::refreshToken).containsExactly("r2");
        provider.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    }

    @Test
    void anotherCallHoldingTheOldTokensTakesTheNewOnesInsteadOfSpendingTheRotatedRefreshToken() {
        refreshAnswers("a2", "r2");
        provider.stubFor(get(urlPathEqualTo("/v1/events"))
                .withHeader("Authorization", equalTo("Bearer a2"))
                .willReturn(okJson(EVENTS)));
        Map<String, String> expired = new OAuth2Tokens("a1", "r1", Instant.now().minusSeconds(5)).secrets();

        assertThat(connector.check(config(expired)).success()).isTrue();
        assertThat(connector.check(config(expired)).success()).isTrue();

        provider.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
    }

    @Test
    void aRevokedConsentIsAnAuthErrorWhoseFixIsToReconnectAndNamesNoToken() {
        provider.stubFor(post(urlPathEqualTo("/oauth/token"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}")));
        ConnectorConfig config = config(new OAuth2Tokens(
                        "access-canary", "refresh-canary", Instant.now().minusSeconds(5))
                .secrets());

        CheckResult result = connector.check(config);

        assertThat(result.success()).isFalse();
        assertThat(result.error().errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThat(result.error().message())
                .isEqualTo("Sandbox Calendar no longer accepts this connection's sign-in (invalid_grant): the access "
                        + "was revoked or has expired.");
        assertThat(result.error().fix()).startsWith("Reconnect to Sandbox Calendar");
        assertThat(result.toString() + config).doesNotContain("canary");
        assertThat(stored).isEmpty();
    }

    private void refreshAnswers(String accessToken, String refreshToken) {
        provider.stubFor(post(urlPathEqualTo("/oauth/token"))
                .inScenario("rotation")
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=r1"))
                .willReturn(okJson("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":120,\"refresh_token\":\"" + refreshToken + "\"}"))
                .willSetStateTo("rotated"));
        provider.stubFor(post(urlPathEqualTo("/oauth/token"))
                .inScenario("rotation")
                .whenScenarioStateIs("rotated")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\"}")));
    }

    private ConnectorConfig config(Map<String, String> tokens) {
        Map<String, String> secrets = new HashMap<>(tokens);
        secrets.put("clientSecret", "client-secret");
        return connector.configure(new ConnectorSettings(
                json.createObjectNode().put("baseUrl", provider.baseUrl()).put("clientId", "patchbay"),
                secrets,
                stored::add));
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decoded(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
