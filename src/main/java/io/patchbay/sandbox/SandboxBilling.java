package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxBillingRepository;
import io.patchbay.sandbox.internal.SandboxWebhooks;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox billing system as its operator sees it: where it is, its OAuth2 client, and knobs that issue and
 * settle invoices so incremental syncs have something to read.
 */
@Service
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxBilling {

    private final SandboxProperties properties;
    private final SandboxBillingRepository billing;
    private final SandboxWebhooks webhooks;

    SandboxBilling(SandboxProperties properties, SandboxBillingRepository billing, SandboxWebhooks webhooks) {
        this.properties = properties;
        this.billing = billing;
        this.webhooks = webhooks;
    }

    public String baseUrl() {
        return properties.billingBaseUrl();
    }

    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    public String clientId() {
        return properties.billing().clientId();
    }

    public String clientSecret() {
        return properties.billing().clientSecret();
    }

    @Transactional(readOnly = true)
    public int invoiceCount() {
        return billing.invoiceCount();
    }

    @Transactional(readOnly = true)
    public int customerCount() {
        return billing.customerCount();
    }

    @Transactional
    public void issueInvoices(int count) {
        webhooks.invoicesChanged("invoice.created", billing.issueInvoices(count));
    }

    @Transactional
    public void payInvoices(int count) {
        webhooks.invoicesChanged("invoice.updated", billing.payInvoices(count));
    }

    /** Webhooks go to every endpoint once the change commits, signed with the endpoint's own secret. */
    @Transactional
    public SandboxWebhookEndpoint addWebhookEndpoint(String url) {
        return webhooks.add(url);
    }

    @Transactional
    public void removeWebhookEndpoint(long id) {
        webhooks.remove(id);
    }

    @Transactional(readOnly = true)
    public List<SandboxWebhookEndpoint> webhookEndpoints() {
        return webhooks.all();
    }

    @Transactional(readOnly = true)
    public Optional<SandboxWebhookEndpoint> webhookEndpoint(String url) {
        return webhooks.byUrl(url);
    }
}
