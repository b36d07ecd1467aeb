package io.patchbay.security.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;

/**
 * A DNS server for tests, as a rebinding attacker runs one: each lookup of a host gets the next of its scripted
 * answers (the last one repeats), and every lookup is counted. {@link #client} puts it under an egress guard.
 */
public final class ScriptedDns implements DnsResolver {

    private final Map<String, List<String>> answers = new HashMap<>();
    private final Map<String, Integer> lookups = new HashMap<>();

    /** Scripts {@code host}'s answers, one address per lookup, in order. */
    public synchronized ScriptedDns answer(String host, String... addresses) {
        answers.put(host, List.of(addresses));
        return this;
    }

    /** How often {@code host} was looked up. */
    public synchronized int lookups(String host) {
        return lookups.getOrDefault(host, 0);
    }

    /** An egress guard with {@code rules} that looks every host up here. */
    public EgressClient client(EgressProperties rules) {
        return new EgressClient(rules, TenantExceptions.NONE, this, new ClosedDestinations(), null);
    }

    /** The same, with loopback counted as a private address the allowlist opens (a test server's address). */
    public EgressClient clientReachingLoopback(EgressProperties rules) {
        return new EgressClient(
                rules, TenantExceptions.NONE, this, new ClosedDestinations(java.util.List.of(), true), null);
    }

    @Override
    public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> script = answers.get(host);
        if (script == null) {
            throw new UnknownHostException(host);
        }
        int lookup = lookups.merge(host, 1, Integer::sum);
        String address = script.get(Math.min(lookup, script.size()) - 1);
        return new InetAddress[] {
            InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())
        };
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
