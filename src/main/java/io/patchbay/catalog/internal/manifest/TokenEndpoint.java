package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * A provider's OAuth2 token endpoint as Spring Security's token clients reach it: through the egress guard, and with
 * every way it can fail turned into a classified {@link ConnectorException}. Only a refusal (an OAuth2 error, or 401)
 * is the caller's to word, since what it means depends on the grant: wrong client credentials, or a consent that was
 * revoked.
 */
final class TokenEndpoint {

    private TokenEndpoint() {}

    /** The REST client for Spring Security's token clients: form requests out, token responses or OAuth2 errors in. */
    static RestClient restClient(EgressClient egress) {
        return RestClient.builder()
                .requestFactory(egress.requestFactory())
                .configureMessageConverters(converters -> converters
                        .disableDefaults()
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    /**
     * Sends one token request.
     *
     * @param refused the error for a refusal, given its reason: the OAuth2 error code of a 400 answer (e.g.
     *     {@code invalid_grant}), else {@code HTTP} and the status (401 {@code invalid_client} carries only that)
     */
    static OAuth2AccessTokenResponse call(
            Supplier<OAuth2AccessTokenResponse> request, String systemName, Function<String, ConnectorError> refused) {
        try {
            return request.get();
        } catch (OAuth2AuthorizationException e) {
            int status = status(e);
            if (status == 429 || status >= 500) {
                throw new ConnectorException(
                        status == 429 ? ErrorClass.RATE_LIMIT : ErrorClass.TRANSIENT,
                        "The token endpoint of " + systemName + " is not answering normally (HTTP " + status + ").",
                        "Wait a few minutes; the next run fetches a token again.",
                        e);
            }
            throw new ConnectorException(
                    refused.apply(
                            status != 400 ? "HTTP " + status : e.getError().getErrorCode()),
                    e);
        } catch (ResourceAccessException e) {
            if (e.getCause() instanceof EgressRefusedException refusal) {
                throw notCalled(refusal, e);
            }
            throw new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "The token endpoint of " + systemName + " could not be reached.",
                    "Check the token URL and try again in a few minutes.",
                    e);
        } catch (EgressRefusedException e) {
            throw notCalled(e, e);
        }
    }

    private static ConnectorException notCalled(EgressRefusedException refusal, Exception cause) {
        return new ConnectorException(
                ErrorClass.CONFIG,
                "Patchbay does not call the token URL: " + refusal.getMessage() + ".",
                refusal.fix(),
                cause);
    }

    /** 400 answers carry an OAuth2 error code; others (401 invalid_client, 429, 5xx) only their status. */
    private static int status(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RestClientResponseException response) {
                return response.getStatusCode().value();
            }
        }
        return 400;
    }
}
