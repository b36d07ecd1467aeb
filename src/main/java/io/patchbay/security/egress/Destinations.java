package io.patchbay.security.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.jspecify.annotations.Nullable;

/**
 * Which destinations the tenant in scope may reach: an absolute http(s) URL without credentials; on the hub's own
 * origin only the paths {@link HubEndpoints} opens; elsewhere https to public addresses, private addresses and plain
 * http only for hosts the operator's allowlist or an approved network exception opens, and closed addresses never.
 * The resolvers it hands out look each host up once and refuse what the rules close, so a connection goes only to
 * addresses that were checked.
 */
final class Destinations {

    /** Which way a checked URL goes: to the hub's own endpoints, or outside. */
    enum Route {
        HUB,
        OUTSIDE
    }

    private final EgressProperties rules;
    private final TenantExceptions exceptions;
    private final DnsResolver dns;
    private final ClosedDestinations closed;
    private final @Nullable HubEndpoints hub;

    Destinations(
            EgressProperties rules,
            TenantExceptions exceptions,
            DnsResolver dns,
            ClosedDestinations closed,
            @Nullable HubEndpoints hub) {
        this.rules = rules;
        this.exceptions = exceptions;
        this.dns = dns;
        this.closed = closed;
        this.hub = hub;
    }

    boolean servesHub() {
        return hub != null;
    }

    /**
     * Checks a URL against the rules that need no lookup.
     *
     * @throws EgressRefusedException naming the rule the URL breaks
     */
    Route route(URI uri) {
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
        if (hub != null && hub.sameOrigin(uri)) {
            if (!hub.opens(uri)) {
                throw new EgressRefusedException(
                        EgressRule.HUB_PATHS, "Patchbay's own address is open only at its sandbox and webhook paths");
            }
            return Route.HUB;
        }
        closed.checkName(host);
        if (scheme.equals("http") && !opened(host)) {
            throw new EgressRefusedException(
                    EgressRule.HTTPS_ONLY,
                    "Plain http to " + host + " is not allowed",
                    fixFor(host, EgressRule.HTTPS_ONLY));
        }
        return Route.OUTSIDE;
    }

    /** Resolves once, refuses closed answers and private ones the tenant has not opened, hands over the rest. */
    DnsResolver outside() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return Destinations.this.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    /** Resolves the hub's own host only, as the operator configured it; nothing else goes this way. */
    DnsResolver toHub() {
        if (hub == null) {
            throw new IllegalStateException("No hub endpoints are open");
        }
        String own = ClosedDestinations.normalize(hub.origin().getHost());
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String requested) throws UnknownHostException {
                if (!ClosedDestinations.normalize(requested).equals(own)) {
                    throw new EgressRefusedException(
                            EgressRule.HUB_PATHS, requested + " is not Patchbay's own address");
                }
                return SystemDefaultDnsResolver.INSTANCE.resolve(requested);
            }

            @Override
            public String resolveCanonicalHostname(String requested) {
                return requested;
            }
        };
    }

    /**
     * @throws EgressRefusedException when the host is closed, or resolves to an address the rules close
     * @throws UnknownHostException when it does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException {
        closed.checkName(host);
        InetAddress[] addresses = dns.resolve(host);
        for (InetAddress address : addresses) {
            AddressRules.Verdict verdict = closed.judge(address);
            String where = host + " resolves to " + AddressRules.describe(address) + ", " + verdict.kind();
            switch (verdict.reach()) {
                case CLOSED -> throw ClosedDestinations.neverReachable(where);
                case PRIVATE -> {
                    if (!opened(host)) {
                        throw new EgressRefusedException(
                                EgressRule.PUBLIC_ADDRESSES_ONLY,
                                where + ", which needs an approved network exception",
                                fixFor(host, EgressRule.PUBLIC_ADDRESSES_ONLY));
                    }
                }
                case PUBLIC -> {}
            }
        }
        return addresses;
    }

    private boolean opened(String host) {
        String name = ClosedDestinations.normalize(host);
        return rules.allows(name)
                || exceptions.held(name).map(TenantExceptions.Held::opens).orElse(false);
    }

    /** The fix for a host that is closed to this tenant: what its exception waits for, or how to ask for one. */
    private String fixFor(String host, EgressRule rule) {
        return exceptions
                .held(ClosedDestinations.normalize(host))
                .filter(held -> !held.opens())
                .map(TenantExceptions.Held::whyNot)
                .orElseGet(() -> new EgressRefusedException(rule, "").fix());
    }
}
