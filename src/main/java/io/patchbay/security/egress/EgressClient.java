package io.patchbay.security.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for outbound calls made for a tenant (connectors, the sandbox's webhooks). Before a byte leaves
 * it checks the URL (https unless the host is opened, no credentials in it), resolves the host itself and refuses
 * closed addresses always and private ones unless the host is opened for the tenant (an approved network exception,
 * or the operator's allowlist), then connects to exactly the addresses it checked, so a second DNS answer cannot
 * point the connection elsewhere. The hub's own origin is reached only at the paths {@link HubEndpoints} opens.
 * Redirects are followed by hand, each hop checked again and without the caller's headers when it leaves the origin.
 * Responses are capped in size.
 */
@Component
public class EgressClient implements AutoCloseable {

    private final EgressProperties rules;
    private final Destinations destinations;
    private final CloseableHttpClient outside;
    private final @Nullable CloseableHttpClient toHub;

    /** A guard with the configured rules only, for tools and tests outside the hub. */
    public EgressClient(EgressProperties rules) {
        this(rules, TenantExceptions.NONE, SystemDefaultDnsResolver.INSTANCE, new ClosedDestinations(), null);
    }

    @Autowired
    EgressClient(
            EgressProperties rules,
            ObjectProvider<TenantExceptions> exceptions,
            ClosedDestinations closed,
            ObjectProvider<HubEndpoints> hub) {
        this(
                rules,
                exceptions.getIfAvailable(() -> TenantExceptions.NONE),
                SystemDefaultDnsResolver.INSTANCE,
                closed,
                hub.getIfAvailable());
    }

    /** @param dns where host names are looked up: the system's resolver, or in tests a DNS that changes its answers */
    EgressClient(
            EgressProperties rules,
            TenantExceptions exceptions,
            DnsResolver dns,
            ClosedDestinations closed,
            @Nullable HubEndpoints hub) {
        this.rules = rules;
        this.destinations = new Destinations(rules, exceptions, dns, closed, hub);
        this.outside = client(destinations.outside());
        this.toHub = destinations.servesHub() ? client(destinations.toHub()) : null;
    }

    private CloseableHttpClient client(DnsResolver resolver) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(rules.connectTimeout()))
                        .setSocketTimeout(Timeout.of(rules.readTimeout()))
                        .build())
                .setMaxConnTotal(100)
                .setMaxConnPerRoute(10)
                .build();
        return HttpClients.custom()
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
            CloseableHttpClient http = route(current);
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
            if (!HubEndpoints.sameOrigin(current, next)) {
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
        var outsideFactory = new HttpComponentsClientHttpRequestFactory(outside);
        var hubFactory = toHub == null ? null : new HttpComponentsClientHttpRequestFactory(toHub);
        return (uri, method) -> {
            CloseableHttpClient http = route(uri);
            return (http == toHub && hubFactory != null ? hubFactory : outsideFactory).createRequest(uri, method);
        };
    }

    /**
     * Checks a host for a non-HTTP connection (a database, say) under the same address rules and picks the address
     * to connect to; open the connection through {@link GuardedSockets}, so it goes there and nowhere else.
     *
     * @throws EgressRefusedException when the host is closed, or resolves to an address the rules close
     * @throws UnknownHostException when it does not resolve
     */
    public CheckedAddress check(String host, int port) throws UnknownHostException {
        return new CheckedAddress(host, new InetSocketAddress(destinations.resolve(host)[0], port));
    }

    /**
     * Checks a URL against the rules without calling it, its host's addresses included where the name resolves now;
     * forms use it to refuse a destination when it is saved (a name that resolves to loopback, say), not only when
     * it is called. A name that does not resolve yet is checked again when called.
     *
     * @throws EgressRefusedException naming the rule the URL or one of its addresses breaks
     */
    public void check(URI uri) {
        if (destinations.route(uri) == Destinations.Route.OUTSIDE) {
            try {
                destinations.resolve(uri.getHost());
            } catch (UnknownHostException notYet) {
                // checked when called, as every call is
            }
        }
    }

    /** Checks the URL and picks the client that may carry it: the hub's own for its open paths, else the outside one. */
    private CloseableHttpClient route(URI uri) {
        return destinations.route(uri) == Destinations.Route.HUB && toHub != null ? toHub : outside;
    }

    private EgressResponse read(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
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

    @Override
    public void close() throws IOException {
        outside.close();
        if (toHub != null) {
            toHub.close();
        }
    }
}
