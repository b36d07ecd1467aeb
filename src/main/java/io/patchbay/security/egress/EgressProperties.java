package io.patchbay.security.egress;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Egress rules. {@code allowedHosts} lists host names that may be called over plain http and on private addresses
 * (the demo profile lists {@code localhost}, where the sandbox systems live).
 */
@ConfigurationProperties("patchbay.egress")
public record EgressProperties(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("10MB") DataSize maxResponseSize,
        @DefaultValue("3") int maxRedirects) {

    public boolean allows(String host) {
        String normalized = host.toLowerCase(Locale.ROOT);
        return allowedHosts.stream()
                .anyMatch(allowed -> allowed.toLowerCase(Locale.ROOT).equals(normalized));
    }
}
