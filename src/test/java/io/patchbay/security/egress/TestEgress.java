package io.patchbay.security.egress;

import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * Egress guards for tests of connectors against servers on the test machine (WireMock, a database on 127.0.0.1):
 * loopback counts as a private address that the allowlist opens. The hub itself never runs with such a guard; its
 * own tests reach the sandbox through {@link HubEndpoints} and private hosts through a network of their own.
 */
public final class TestEgress {

    private TestEgress() {}

    /** A guard that lets the allowlisted hosts reach loopback, with short timeouts. */
    public static EgressClient reachingLoopback(String... allowedHosts) {
        return reachingLoopback(new EgressProperties(
                List.of(allowedHosts), Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofMegabytes(10), 3));
    }

    public static EgressClient reachingLoopback(EgressProperties rules) {
        return new EgressClient(
                rules,
                TenantExceptions.NONE,
                org.apache.hc.client5.http.SystemDefaultDnsResolver.INSTANCE,
                new ClosedDestinations(List.of(), true),
                null);
    }
}
