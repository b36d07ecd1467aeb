package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxProperties;
import io.patchbay.security.egress.HubEndpoints;
import java.net.URI;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How connectors reach the sandbox systems: on the hub's own origin, at the sandbox's own paths only, never by
 * opening a host. The webhook paths are open too, so the sandbox billing system can push to a connection's webhook
 * URL; anyone may call both from outside.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxReach {

    @Bean
    HubEndpoints sandboxEndpoints(SandboxProperties properties) {
        return new HubEndpoints(
                URI.create(properties.baseUrl()),
                List.of("/sandbox/crm/", "/sandbox/billing/", "/sandbox/calendar/", "/hooks/"));
    }
}
