package io.patchbay.security.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account Prometheus scrapes {@code /actuator/prometheus} with (HTTP Basic): metrics name tenants and connectors,
 * so they are not open. With no password set, nobody may read them.
 */
@ConfigurationProperties("patchbay.metrics")
record MetricsScrapeProperties(
        @DefaultValue("prometheus") String username,
        @DefaultValue("") String password) {

    boolean configured() {
        return !password.isBlank();
    }
}
