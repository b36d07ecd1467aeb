package io.patchbay.security.egress;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Egress rules. {@code allowedHosts} lists hosts that every tenant's connectors may reach over plain http and on
 * private addresses (a shared system on the operator's network); like a tenant's network exception it never opens a
 * closed address (loopback, link-local, the hub's own machine), see {@link ClosedDestinations}.
 */
@ConfigurationProperties("patchbay.egress")
public record EgressProperties(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("10MB") DataSize maxResponseSize,
        @DefaultValue("3") int maxRedirects) {

    public boolean allows(String host) {
        String normalized = ClosedDestinations.normalize(host);
        return allowedHosts.stream()
                .anyMatch(allowed -> ClosedDestinations.normalize(allowed).equals(normalized));
    }
}
