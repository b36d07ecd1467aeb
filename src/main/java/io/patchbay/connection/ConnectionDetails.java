package io.patchbay.connection;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The first setup step's input. {@code apiKey} is null or blank to keep the stored key.
 */
public record ConnectionDetails(String name, String baseUrl, @Nullable String apiKey) {

    /** The form-level rule for a base URL; the connector (and the egress guard) apply their own rules on top. */
    public static boolean isValidBaseUrl(@Nullable String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(baseUrl.trim());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ConnectionDetails[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=••••]";
    }
}
