package io.patchbay.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The sandbox systems: on in the demo profile, off in production. */
@ConfigurationProperties("patchbay.sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue Crm crm,
        @DefaultValue Billing billing) {

    public record Crm(
            @DefaultValue("sbx_demo_6f1d2c9a84e3") String apiKey,
            @DefaultValue("300") int seedContacts,
            @DefaultValue RateLimit rateLimit) {}

    public record RateLimit(@DefaultValue("30") int requests, @DefaultValue("10s") Duration per) {}

    /** The billing system: OAuth2 client credentials, cursor pagination. */
    public record Billing(
            @DefaultValue("sbx_billing_demo") String clientId,
            @DefaultValue("sbx_billing_secret_4b8e2f61d0") String clientSecret,
            @DefaultValue("5m") Duration tokenLifetime,
            @DefaultValue("40") int seedCustomers,
            @DefaultValue("160") int seedInvoices) {}

    public String billingBaseUrl() {
        return baseUrl + "/sandbox/billing";
    }

    public String crmBaseUrl() {
        return baseUrl + "/sandbox/crm";
    }
}
