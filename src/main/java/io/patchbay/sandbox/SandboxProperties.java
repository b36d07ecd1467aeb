package io.patchbay.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox systems: on in the demo profile, off in production. Each tenant has its own account at them; the
 * credentials configured here are the demo tenant's (Acme's), and every other tenant's are random.
 */
@ConfigurationProperties("patchbay.sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue Crm crm,
        @DefaultValue Billing billing,
        @DefaultValue Calendar calendar) {

    /**
     * @param apiKey the demo tenant's API key
     * @param seedContacts contacts each new account starts with
     * @param rateLimit each account's rate limit, unless "Throttle the API" overrides it
     */
    public record Crm(
            @DefaultValue("sbx_demo_6f1d2c9a84e3") String apiKey,
            @DefaultValue("300") int seedContacts,
            @DefaultValue RateLimit rateLimit) {}

    public record RateLimit(
            @DefaultValue("30") int requests,
            @DefaultValue("10s") Duration per) {}

    /** The billing system: OAuth2 client credentials (the demo tenant's client here), cursor pagination. */
    public record Billing(
            @DefaultValue("sbx_billing_demo") String clientId,
            @DefaultValue("sbx_billing_secret_4b8e2f61d0") String clientSecret,
            @DefaultValue("5m") Duration tokenLifetime,
            @DefaultValue("40") int seedCustomers,
            @DefaultValue("160") int seedInvoices) {}

    /**
     * The calendar: a person consents (OAuth2 authorization code with PKCE) and the client gets short-lived access
     * tokens and refresh tokens that are honoured once each; events page by a next URL.
     *
     * @param clientId the demo tenant's client; every tenant brings its own
     * @param redirectUri the one address it sends people back to: Patchbay's, registered for every tenant's client
     */
    public record Calendar(
            @DefaultValue("sbx_calendar_demo") String clientId,
            @DefaultValue("sbx_calendar_secret_9d3f6b2e71") String clientSecret,

            @DefaultValue("http://localhost:8080/consent/callback")
            String redirectUri,

            @DefaultValue("5m") Duration tokenLifetime,
            @DefaultValue("60") int seedEvents) {}

    public String calendarBaseUrl() {
        return baseUrl + "/sandbox/calendar";
    }

    public String billingBaseUrl() {
        return baseUrl + "/sandbox/billing";
    }

    public String crmBaseUrl() {
        return baseUrl + "/sandbox/crm";
    }
}
