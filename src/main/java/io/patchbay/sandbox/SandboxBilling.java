package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxBillingRepository;
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

    SandboxBilling(SandboxProperties properties, SandboxBillingRepository billing) {
        this.properties = properties;
        this.billing = billing;
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
        billing.issueInvoices(count);
    }

    @Transactional
    public void payInvoices(int count) {
        billing.payInvoices(count);
    }
}
