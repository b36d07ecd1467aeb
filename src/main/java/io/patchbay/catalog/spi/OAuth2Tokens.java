package io.patchbay.catalog.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tokens a person's consent gave a connection (OAuth2 authorization code). They travel with the connection's
 * other secrets, sealed in the same vault entry under the {@code oauth2.} keys below, so they are stored, re-wrapped
 * and hidden exactly like an API key; they are not settings, so no form shows them and no schema checks them.
 *
 * @param expiresAt when the access token expires; null when the provider did not say
 * @param refreshToken null when the provider issued none: the connection then needs a new consent once the access
 *     token expires
 */
public record OAuth2Tokens(
        String accessToken,
        @Nullable String refreshToken,
        @Nullable Instant expiresAt) {

    private static final String PREFIX = "oauth2.";
    private static final String ACCESS_TOKEN = PREFIX + "accessToken";
    private static final String REFRESH_TOKEN = PREFIX + "refreshToken";
    private static final String EXPIRES_AT = PREFIX + "expiresAt";

    /** The tokens among a connection's secrets; empty before a consent. */
    public static Optional<OAuth2Tokens> from(Map<String, String> secrets) {
        String access = secrets.get(ACCESS_TOKEN);
        if (access == null || access.isBlank()) {
            return Optional.empty();
        }
        Instant expiresAt = null;
        try {
            expiresAt = secrets.containsKey(EXPIRES_AT) ? Instant.parse(secrets.get(EXPIRES_AT)) : null;
        } catch (DateTimeParseException e) {
            // an unreadable expiry counts as unknown: the next 401 refreshes the token
        }
        return Optional.of(new OAuth2Tokens(access, secrets.get(REFRESH_TOKEN), expiresAt));
    }

    /** Whether a secret's key is one of these tokens rather than a setting. */
    public static boolean isTokenKey(String key) {
        return key.startsWith(PREFIX);
    }

    /** The tokens as secrets, to be sealed with the connection's others. */
    public Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(ACCESS_TOKEN, accessToken);
        if (refreshToken != null) {
            secrets.put(REFRESH_TOKEN, refreshToken);
        }
        if (expiresAt != null) {
            secrets.put(EXPIRES_AT, expiresAt.toString());
        }
        return secrets;
    }

    /** Whether the access token expires within {@code margin}; unknown expiry counts as valid. */
    public boolean expiresWithin(Duration margin) {
        return expiresAt != null && expiresAt.minus(margin).isBefore(Instant.now());
    }

    @Override
    public String toString() {
        return "OAuth2Tokens[expiresAt=" + expiresAt + ", refreshable=" + (refreshToken != null) + "]";
    }
}
