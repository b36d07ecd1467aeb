package io.patchbay.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The sandbox systems: on in the demo profile, off in production. */
@ConfigurationProperties("patchbay.sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue Crm crm) {

    public record Crm(
            @DefaultValue("sbx_demo_6f1d2c9a84e3") String apiKey,
            @DefaultValue("300") int seedContacts,
            @DefaultValue RateLimit rateLimit) {}

    public record RateLimit(@DefaultValue("30") int requests, @DefaultValue("10s") Duration per) {}

    public String crmBaseUrl() {
        return baseUrl + "/sandbox/crm";
    }
}
