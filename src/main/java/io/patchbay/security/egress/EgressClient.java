package io.patchbay.security.egress;

import io.patchbay.security.EgressExceptionService;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for outbound calls made for a tenant (connectors today, webhooks later). Before a byte leaves
 * it checks the URL (https unless the host is allowlisted, no credentials in it), resolves the host itself and
 * refuses any non-public address unless the host is allowlisted, then connects to exactly the addresses it checked,
 * so a second DNS answer cannot point the connection elsewhere. Redirects are followed by hand, each hop checked
 * again and without the caller's headers when it leaves the origin. Responses are capped in size.
 */
@Component
public class EgressClient implements AutoCloseable {

    private final EgressProperties rules;
    private final Predicate<String> tenantExceptions;
    private final DnsResolver dns;
    private final CloseableHttpClient http;

    /** A guard with the configured rules only, for tools and tests outside the hub. */
    public EgressClient(EgressProperties rules) {
        this(rules, host -> false, SystemDefaultDnsResolver.INSTANCE);
    }

    /** @param tenantExceptions whether the tenant in scope holds an exception for a host */
    @Autowired
    public EgressClient(EgressProperties rules, EgressExceptionService tenantExceptions) {
        this(rules, tenantExceptions::allows, SystemDefaultDnsResolver.INSTANCE);
    }

    /** @param dns where host names are looked up: the system's resolver, or in tests a DNS that changes its answers */
    EgressClient(EgressProperties rules, Predicate<String> tenantExceptions, DnsResolver dns) {
        this.rules = rules;
        this.tenantExceptions = tenantExceptions;
        this.dns = dns;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckingResolver())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(rules.connectTimeout()))
                        .setSocketTimeout(Timeout.of(rules.readTimeout()))
                        .build())
                .setMaxConnTotal(100)
                .setMaxConnPerRoute(10)
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(rules.readTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /**
     * Sends a request under the egress rules.
     *
     * @throws EgressRefusedException when a rule forbids the call or its response
     * @throws IOException when the network fails (unknown host, refused, timed out, TLS)
     */
    public EgressResponse send(String method, URI uri, Map<String, String> headers, @Nullable String jsonBody)
            throws IOException {
        URI current = uri;
        Map<String, String> sent = headers;
        for (int hop = 0; ; hop++) {
            check(current);
            var request = new BasicClassicHttpRequest(method, current);
            sent.forEach(request::addHeader);
            if (jsonBody != null) {
                request.setEntity(new StringEntity(jsonBody, ContentType.APPLICATION_JSON));
            }
            EgressResponse response = http.execute(request, this::read);
            String location = response.header("location").orElse(null);
            boolean redirect = response.status() >= 300 && response.status() < 400 && location != null;
            if (!redirect || !("GET".equals(method) || "HEAD".equals(method))) {
                return response;
            }
            if (hop >= rules.maxRedirects()) {
                throw new EgressRefusedException(
                        EgressRule.TOO_MANY_REDIRECTS,
                        "More than " + rules.maxRedirects() + " redirects from " + uri.getHost());
            }
            URI next = current.resolve(location);
            if (!sameOrigin(current, next)) {
                sent = Map.of();
            }
            current = next;
        }
    }

    /**
     * The same rules for Spring's HTTP clients (e.g. the OAuth2 token client): each request's URL is checked, and
     * the connection resolves through the checking resolver. Redirects are not followed.
     */
    public ClientHttpRequestFactory requestFactory() {
        var factory = new HttpComponentsClientHttpRequestFactory(http);
        return (uri, method) -> {
            check(uri);
            return factory.createRequest(uri, method);
        };
    }

    /**
     * Resolves a host for a non-HTTP connection (a database, say) under the same address rules; connect to one of
     * the returned addresses, never to the name again.
     *
     * @throws EgressRefusedException when the host resolves to an address the rules close
     * @throws UnknownHostException when it does not resolve
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return new CheckingResolver().resolve(host);
    }

    /** Checks a URL against the rules without calling it; setup forms use it to explain a refusal early. */
    public void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new EgressRefusedException(
                    EgressRule.VALID_URL, "'" + uri + "' is not an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new EgressRefusedException(
                    EgressRule.NO_CREDENTIALS_IN_URL, "The address for " + host + " carries credentials");
        }
        if (scheme.equals("http") && !allowlisted(host)) {
            throw new EgressRefusedException(EgressRule.HTTPS_ONLY, "Plain http to " + host + " is not allowed");
        }
    }

    private boolean allowlisted(String host) {
        return rules.allows(host) || tenantExceptions.test(host);
    }

    private EgressResponse read(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .add(header.getValue());
        }
        HttpEntity entity = response.getEntity();
        String body = "";
        if (entity != null) {
            long limit = rules.maxResponseSize().toBytes();
            if (entity.getContentLength() > limit) {
                throw tooLarge(limit);
            }
            try (InputStream in = entity.getContent()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (bytes.length > limit) {
                    throw tooLarge(limit);
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
        }
        return new EgressResponse(response.getCode(), Map.copyOf(headers), body);
    }

    private static EgressRefusedException tooLarge(long limit) {
        return new EgressRefusedException(
                EgressRule.RESPONSE_SIZE, "The response is larger than " + limit / (1024 * 1024) + " MB");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme())
                && a.getHost().equalsIgnoreCase(Objects.toString(b.getHost(), ""))
                && a.getPort() == b.getPort();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** Resolves once, refuses non-public answers, and hands the checked addresses to the connection. */
    private final class CheckingResolver implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = dns.resolve(host);
            if (!allowlisted(host)) {
                for (InetAddress address : addresses) {
                    if (!AddressRules.isPublic(address)) {
                        throw new EgressRefusedException(
                                EgressRule.PUBLIC_ADDRESSES_ONLY,
                                host + " resolves to " + AddressRules.describe(address)
                                        + ", which is not a public address");
                    }
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
