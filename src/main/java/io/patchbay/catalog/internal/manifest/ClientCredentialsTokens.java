package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.security.egress.EgressClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * OAuth2 client-credentials tokens for manifest connectors, fetched with Spring Security's token client through the
 * egress guard, cached until shortly before they expire, and dropped when the API rejects them so the next request
 * fetches a fresh one. Cache keys are digests: no secret is kept as a key.
 */
final class ClientCredentialsTokens {

    private static final Duration EARLY = Duration.ofSeconds(30);

    private final RestClientClientCredentialsTokenResponseClient tokenClient =
            new RestClientClientCredentialsTokenResponseClient();
    private final Map<String, OAuth2AccessToken> cache = new ConcurrentHashMap<>();

    ClientCredentialsTokens(EgressClient egress) {
        tokenClient.setRestClient(TokenEndpoint.restClient(egress));
    }

    String token(String tokenUrl, String clientId, String clientSecret, String scope, String systemName) {
        String key = key(tokenUrl, clientId, clientSecret, scope);
        OAuth2AccessToken cached = cache.get(key);
        if (cached != null
                && (cached.getExpiresAt() == null
                        || cached.getExpiresAt().minus(EARLY).isAfter(Instant.now()))) {
            return cached.getTokenValue();
        }
        var registration = ClientRegistration.withRegistrationId("connector")
                .tokenUri(tokenUrl)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        if (!scope.isBlank()) {
            registration.scope(scope.split("[ ,]+"));
        }
        OAuth2AccessToken token = TokenEndpoint.call(
                        () -> tokenClient.getTokenResponse(
                                new OAuth2ClientCredentialsGrantRequest(registration.build())),
                        systemName,
                        reason -> new ConnectorError(
                                ErrorClass.AUTH,
                                systemName + " refused the client credentials (" + reason + ").",
                                "Check the client ID and client secret in the connection settings, and that the client "
                                        + "may use the client-credentials grant."))
                .getAccessToken();
        cache.put(key, token);
        return token.getTokenValue();
    }

    /** Forgets the token the API just rejected, so the next request fetches a new one. */
    void evict(String tokenUrl, String clientId, String clientSecret, String scope) {
        cache.remove(key(tokenUrl, clientId, clientSecret, scope));
    }

    private static String key(String tokenUrl, String clientId, String clientSecret, String scope) {
        return Digests.sha256(tokenUrl, clientId, clientSecret, scope);
    }
}
