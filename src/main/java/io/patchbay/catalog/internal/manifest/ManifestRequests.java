package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ErrorClass;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * What a manifest connector's requests carry, rendered from a connection's settings: the base URL, checked once when
 * the connection is configured; each request's address with its query; the headers its authentication puts on it;
 * and renewing the tokens Patchbay obtains when a system rejects them.
 */
final class ManifestRequests {

    private static final String AUTHORIZATION_CODE = "oauth2_authorization_code";

    private final ConnectorManifest manifest;
    private final ClientCredentialsTokens tokens;
    private final AuthorizationCodeTokens consents;
    private final ObjectMapper json;

    ManifestRequests(
            ConnectorManifest manifest,
            ClientCredentialsTokens tokens,
            AuthorizationCodeTokens consents,
            ObjectMapper json) {
        this.manifest = manifest;
        this.tokens = tokens;
        this.consents = consents;
        this.json = json;
    }

    /**
     * The base URL the settings render to, checked: an http(s) URL of a host, without credentials, a query, a
     * fragment or a dot segment, so that no setting can send a request anywhere but under it.
     *
     * @throws ConnectorException (configuration) saying what is wrong with it
     */
    URI baseUrl(ConnectorSettings settings) {
        String rendered = Templates.render(manifest.http().baseUrl(), settings.merged(), json.nullNode())
                .trim();
        URI uri;
        try {
            uri = URI.create(rendered.endsWith("/") ? rendered.substring(0, rendered.length() - 1) : rendered);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL is not a valid URL.",
                    "Enter a URL such as https://api.example.com.");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must start with https:// and name a host.",
                    "Enter a URL such as https://api.example.com.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must not contain credentials.",
                    "Remove the user name and password from the URL and enter them in their own fields.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must not carry a query (?…) or a fragment (#…).",
                    "Enter the address up to its path, such as https://api.example.com/v1.");
        }
        if (climbsOut(uri.getRawPath())) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The base URL must not climb out of its path (..).",
                    "Enter the API's own path, such as https://api.example.com/v1.");
        }
        return uri;
    }

    /**
     * Renews the credentials a system rejected, where they are tokens Patchbay obtains (client credentials, a
     * consent's access token).
     *
     * @return whether they were renewed, so the request is worth making once more
     */
    boolean renew(ManifestConnector.Config cfg) {
        var auth = manifest.http().auth();
        switch (auth.type()) {
            case "oauth2_client_credentials" -> {
                tokens.evict(
                        render(auth.tokenUrl(), cfg),
                        render(auth.clientId(), cfg),
                        render(auth.clientSecret(), cfg),
                        render(auth.scope(), cfg));
                return true;
            }
            case AUTHORIZATION_CODE -> {
                consents.renew(client(cfg), held(cfg));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    URI uri(ManifestConnector.Config cfg, String path, Map<String, String> params) {
        Map<String, String> query = new LinkedHashMap<>(params);
        var auth = manifest.http().auth();
        if ("api_key".equals(auth.type()) && "query".equals(auth.in())) {
            query.put(auth.name(), render(auth.value(), cfg));
        }
        String encoded = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(cfg.baseUrl() + path + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    Map<String, String> headers(ManifestConnector.Config cfg) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (manifest.http().headers() != null) {
            manifest.http().headers().forEach((name, value) -> headers.put(name, render(value, cfg)));
        }
        var auth = manifest.http().auth();
        switch (auth.type()) {
            case "api_key" -> {
                if ("header".equals(auth.in())) {
                    headers.put(auth.name(), render(auth.value(), cfg));
                }
            }
            case "basic" ->
                headers.put(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (render(auth.username(), cfg) + ":" + render(auth.password(), cfg))
                                                        .getBytes(StandardCharsets.UTF_8)));
            case "bearer" -> headers.put("Authorization", "Bearer " + render(auth.token(), cfg));
            case "oauth2_client_credentials" ->
                headers.put(
                        "Authorization",
                        "Bearer "
                                + tokens.token(
                                        render(auth.tokenUrl(), cfg),
                                        render(auth.clientId(), cfg),
                                        render(auth.clientSecret(), cfg),
                                        render(auth.scope(), cfg),
                                        manifest.name()));
            case AUTHORIZATION_CODE ->
                headers.put("Authorization", "Bearer " + consents.accessToken(client(cfg), held(cfg)));
            default -> {
                // none
            }
        }
        return headers;
    }

    boolean signsInWithConsent() {
        return AUTHORIZATION_CODE.equals(manifest.http().auth().type());
    }

    private static AuthorizationCodeTokens.Held held(ManifestConnector.Config cfg) {
        if (cfg.consent() == null) {
            throw new IllegalStateException("A configuration of a consent connector holds its tokens");
        }
        return cfg.consent();
    }

    /** Patchbay's client at the provider, as this connection's settings render the manifest's auth. */
    AuthorizationCodeTokens.Client client(ManifestConnector.Config cfg) {
        var auth = manifest.http().auth();
        return new AuthorizationCodeTokens.Client(
                manifest.name(),
                render(auth.authorizeUrl(), cfg),
                render(auth.tokenUrl(), cfg),
                render(auth.clientId(), cfg),
                render(auth.clientSecret(), cfg),
                auth.scopes() == null ? List.of() : auth.scopes());
    }

    private String render(@Nullable String template, ManifestConnector.Config cfg) {
        return template == null ? "" : Templates.render(template, cfg.settings().merged(), json.nullNode());
    }

    static Map<String, String> params(@Nullable Map<String, Object> params) {
        Map<String, String> result = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((key, value) -> result.put(key, String.valueOf(value)));
        }
        return result;
    }

    /** A dot segment, however spelled ({@code ..}, {@code %2e%2e}, {@code ..;x}), that a server would resolve. */
    private static boolean climbsOut(@Nullable String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            String name = segment.replaceAll("(?i)%2e", ".").replaceAll(";.*", "");
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Makes a request; when the system rejects the credentials and they are tokens Patchbay obtains, renews them
     * and makes it once more.
     */
    HttpExchange.Fetched renewingCredentials(ManifestConnector.Config cfg, Supplier<HttpExchange.Fetched> request) {
        try {
            return request.get();
        } catch (ConnectorException e) {
            if (e.error().errorClass() != ErrorClass.AUTH || !renew(cfg)) {
                throw e;
            }
            return request.get();
        }
    }
}
