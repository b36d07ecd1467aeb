package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ConsentGrant;
import io.patchbay.catalog.spi.ConsentRequest;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.OAuth2Tokens;
import io.patchbay.catalog.spi.TokenStore;
import io.patchbay.security.egress.EgressClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import tools.jackson.databind.ObjectMapper;

/**
 * OAuth2 authorization-code grants for manifest connectors, with Spring Security's token clients through the egress
 * guard ({@link TokenEndpoint}): the consent URL with the runtime's state and a PKCE (S256) challenge, the code
 * redeemed for tokens, and access tokens refreshed shortly before they expire or when the API rejects them. Every
 * refresh goes to the connection's {@link TokenStore}, rotated refresh token included.
 *
 * <p>Two calls can hold the same stored tokens at once (a run, and Test connection in the setup). A provider that
 * rotates refresh tokens honours each one once, so the second call to refresh would be refused and report the consent
 * as revoked. Refreshes of one refresh token therefore take turns, and what each obtained stays here for a quarter of
 * an hour, keyed by the digest of the refresh token it replaced: a later call holding the old tokens adopts the new
 * ones instead of refreshing again. Across nodes the race remains, and costs that one call an AUTH error.
 */
final class AuthorizationCodeTokens {

    private static final Duration EARLY = Duration.ofSeconds(30);
    private static final Duration KEEP_SUCCESSORS = Duration.ofMinutes(15);
    private static final int MAX_HOPS = 16;

    private final RestClientAuthorizationCodeTokenResponseClient codeClient =
            new RestClientAuthorizationCodeTokenResponseClient();
    private final RestClientRefreshTokenTokenResponseClient refreshClient =
            new RestClientRefreshTokenTokenResponseClient();
    private final ObjectMapper json;
    private final Map<String, Successor> successors = new ConcurrentHashMap<>();
    private final Object[] turns = new Object[64];

    AuthorizationCodeTokens(EgressClient egress, ObjectMapper json) {
        this.json = json;
        codeClient.setRestClient(TokenEndpoint.restClient(egress));
        refreshClient.setRestClient(TokenEndpoint.restClient(egress));
        for (int i = 0; i < turns.length; i++) {
            turns[i] = new Object();
        }
    }

    /** Patchbay's client at the provider, as one connection's settings render the manifest's auth. */
    record Client(
            String systemName,
            String authorizeUrl,
            String tokenUrl,
            String clientId,
            String clientSecret,
            List<String> scopes) {

        @Override
        public String toString() {
            return "Client[" + systemName + ", clientId=" + clientId + "]";
        }
    }

    /**
     * A connection's tokens for the life of one configuration (one check, one run): the newest this configuration
     * knows, and where refreshed ones go.
     */
    static final class Held {

        private final AtomicReference<@Nullable OAuth2Tokens> current;
        private final TokenStore store;

        Held(ConnectorSettings settings) {
            this.current =
                    new AtomicReference<>(OAuth2Tokens.from(settings.secrets()).orElse(null));
            this.store = settings.tokenStore();
        }

        @Override
        public String toString() {
            return "Held[" + current.get() + "]";
        }
    }

    private record Successor(OAuth2Tokens tokens, Instant at) {}

    URI consentUrl(Client client, ConsentRequest request) {
        return URI.create(authorizationRequest(client, request).getAuthorizationRequestUri());
    }

    /**
     * Redeems the code for tokens.
     *
     * @param account the manifest's template for who consented, rendered over the token response's non-token
     *     parameters; null when the manifest has none
     */
    ConsentGrant redeem(Client client, ConsentRequest request, String code, @Nullable String account) {
        var registration = registration(client, AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(request.redirectUri().toString())
                .build();
        var answer = OAuth2AuthorizationResponse.success(code)
                .redirectUri(request.redirectUri().toString())
                .state(request.state())
                .build();
        OAuth2AccessTokenResponse response = TokenEndpoint.call(
                () -> codeClient.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(
                        registration, new OAuth2AuthorizationExchange(authorizationRequest(client, request), answer))),
                client.systemName(),
                reason -> refusal(
                        client,
                        reason,
                        client.systemName() + " did not accept the sign-in (" + reason
                                + "): the code has expired or was used already."));
        String who = account == null
                ? ""
                : Templates.render(account, json.nullNode(), json.valueToTree(response.getAdditionalParameters()))
                        .trim();
        return new ConsentGrant(tokens(response, null), who.isEmpty() ? null : who);
    }

    /** A valid access token of the held ones, refreshed first when it is about to expire. */
    String accessToken(Client client, Held held) {
        OAuth2Tokens tokens = newest(tokensOf(client, held));
        held.current.set(tokens);
        if (tokens.expiresWithin(EARLY)) {
            tokens = refresh(client, held, tokens);
        }
        return tokens.accessToken();
    }

    /** After the API rejected the held access token: a new one, refreshed unless another call already did. */
    void renew(Client client, Held held) {
        refresh(client, held, tokensOf(client, held));
    }

    private OAuth2Tokens refresh(Client client, Held held, OAuth2Tokens rejected) {
        OAuth2Tokens base = newest(rejected);
        String refreshToken = base.refreshToken();
        if (refreshToken == null) {
            throw new ConnectorException(
                    ErrorClass.AUTH,
                    client.systemName() + "'s access token has expired, and it gave no refresh token to renew it.",
                    reconnect(client));
        }
        String key = Digests.sha256(refreshToken);
        synchronized (turns[Math.floorMod(key.hashCode(), turns.length)]) {
            OAuth2Tokens newest = newest(base);
            if (!newest.accessToken().equals(rejected.accessToken()) && !newest.expiresWithin(EARLY)) {
                held.current.set(newest);
                return newest;
            }
            String stale = newest.refreshToken();
            OAuth2AccessTokenResponse response = TokenEndpoint.call(
                    () -> refreshClient.getTokenResponse(new OAuth2RefreshTokenGrantRequest(
                            registration(client, AuthorizationGrantType.REFRESH_TOKEN)
                                    .build(),
                            new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, newest.accessToken(), null, null),
                            new OAuth2RefreshToken(stale, null))),
                    client.systemName(),
                    reason -> refusal(
                            client,
                            reason,
                            client.systemName() + " no longer accepts this connection's sign-in (" + reason
                                    + "): the access was revoked or has expired."));
            OAuth2Tokens fresh = tokens(response, stale);
            Instant now = Instant.now();
            successors.values().removeIf(successor -> successor.at().isBefore(now.minus(KEEP_SUCCESSORS)));
            successors.put(Digests.sha256(stale), new Successor(fresh, now));
            held.current.set(fresh);
            held.store.save(fresh);
            return fresh;
        }
    }

    private static OAuth2Tokens tokensOf(Client client, Held held) {
        OAuth2Tokens tokens = held.current.get();
        if (tokens == null) {
            throw new ConnectorException(
                    ErrorClass.AUTH,
                    "Patchbay is not connected to " + client.systemName() + " yet.",
                    "Press Connect to " + client.systemName() + ", sign in there and allow access.");
        }
        return tokens;
    }

    /** The newest tokens this process obtained in place of {@code tokens}, following rotations. */
    private OAuth2Tokens newest(OAuth2Tokens tokens) {
        OAuth2Tokens newest = tokens;
        for (int hop = 0; hop < MAX_HOPS && newest.refreshToken() != null; hop++) {
            Successor next = successors.get(Digests.sha256(newest.refreshToken()));
            if (next == null || next.tokens().equals(newest)) {
                break;
            }
            newest = next.tokens();
        }
        return newest;
    }

    private OAuth2AuthorizationRequest authorizationRequest(Client client, ConsentRequest request) {
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(client.authorizeUrl())
                .clientId(client.clientId())
                .redirectUri(request.redirectUri().toString())
                .scopes(new LinkedHashSet<>(client.scopes()))
                .state(request.state())
                .additionalParameters(Map.of(
                        PkceParameterNames.CODE_CHALLENGE,
                        challenge(request.codeVerifier()),
                        PkceParameterNames.CODE_CHALLENGE_METHOD,
                        "S256"))
                .attributes(attributes -> attributes.put(PkceParameterNames.CODE_VERIFIER, request.codeVerifier()))
                .build();
    }

    private static ClientRegistration.Builder registration(Client client, AuthorizationGrantType grant) {
        return ClientRegistration.withRegistrationId("connector")
                .authorizationGrantType(grant)
                .clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .authorizationUri(client.authorizeUrl())
                .tokenUri(client.tokenUrl())
                .scope(Set.copyOf(client.scopes()));
    }

    /**
     * The tokens of a response; the previous refresh token where the provider did not rotate it. Spring reads a
     * missing {@code expires_in} as one second; no provider issues tokens that short, so that counts as unknown.
     */
    private static OAuth2Tokens tokens(OAuth2AccessTokenResponse response, @Nullable String previousRefreshToken) {
        OAuth2AccessToken access = response.getAccessToken();
        Instant expiresAt = access.getExpiresAt();
        if (expiresAt != null
                && access.getIssuedAt() != null
                && !expiresAt.isAfter(access.getIssuedAt().plusSeconds(1))) {
            expiresAt = null;
        }
        String refresh =
                response.getRefreshToken() != null ? response.getRefreshToken().getTokenValue() : previousRefreshToken;
        return new OAuth2Tokens(access.getTokenValue(), refresh, expiresAt);
    }

    /** A refused token request: the client's credentials, or the consent behind the code or refresh token. */
    private static ConnectorError refusal(Client client, String reason, String consentRefused) {
        boolean clientRefused = reason.equals("invalid_client")
                || reason.equals("unauthorized_client")
                || reason.equals("HTTP 401")
                || reason.equals("HTTP 403");
        return clientRefused
                ? new ConnectorError(
                        ErrorClass.AUTH,
                        client.systemName() + " refused Patchbay's client (" + reason + ").",
                        "Check the client ID and client secret in the connection settings, then reconnect to "
                                + client.systemName() + ".")
                : new ConnectorError(ErrorClass.AUTH, consentRefused, reconnect(client));
    }

    private static String reconnect(Client client) {
        return "Reconnect to " + client.systemName() + ": press Reconnect, sign in there and allow access again.";
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
