package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

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
        tokenClient.setRestClient(RestClient.builder()
                .requestFactory(egress.requestFactory())
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
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
        try {
            OAuth2AccessToken token = tokenClient
                    .getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration.build()))
                    .getAccessToken();
            cache.put(key, token);
            return token.getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            // 400 answers carry an OAuth2 error code; others (401 invalid_client, 429, 5xx) only their status
            int status = status(e);
            if (status == 429 || status >= 500) {
                throw new ConnectorException(
                        status == 429 ? ErrorClass.RATE_LIMIT : ErrorClass.TRANSIENT,
                        "The token endpoint of " + systemName + " is not answering normally (HTTP " + status + ").",
                        "Wait a few minutes; the next run fetches a token again.",
                        e);
            }
            String reason = status != 400 ? "HTTP " + status : e.getError().getErrorCode();
            throw new ConnectorException(
                    ErrorClass.AUTH,
                    systemName + " refused the client credentials (" + reason + ").",
                    "Check the client ID and client secret in the connection settings, and that the client may use "
                            + "the client-credentials grant.",
                    e);
        } catch (ResourceAccessException e) {
            if (e.getCause() instanceof EgressRefusedException refused) {
                throw new ConnectorException(
                        ErrorClass.CONFIG,
                        "Patchbay does not call the token URL: " + refused.getMessage() + ".",
                        "Use the provider's public https token URL.",
                        e);
            }
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "The token endpoint of " + systemName + " could not be reached.",
                    "Check the token URL and try again in a few minutes.",
                    e);
        } catch (EgressRefusedException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "Patchbay does not call the token URL: " + e.getMessage() + ".",
                    "Use the provider's public https token URL.",
                    e);
        }
    }

    private static int status(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RestClientResponseException response) {
                return response.getStatusCode().value();
            }
        }
        return 400;
    }

    /** Forgets the token the API just rejected, so the next request fetches a new one. */
    void evict(String tokenUrl, String clientId, String clientSecret, String scope) {
        cache.remove(key(tokenUrl, clientId, clientSecret, scope));
    }

    private static String key(String tokenUrl, String clientId, String clientSecret, String scope) {
        return Digests.sha256(tokenUrl, clientId, clientSecret, scope);
    }
}
