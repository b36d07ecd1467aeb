package io.patchbay.sandbox;

import io.patchbay.sandbox.internal.SandboxAccounts;
import io.patchbay.sandbox.internal.SandboxBillingRepository;
import io.patchbay.sandbox.internal.SandboxWebhooks;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox billing system as its customer sees it, for the tenant in scope: where it is, the tenant's OAuth2
 * client, its webhook endpoints, and knobs that issue and settle invoices so incremental syncs have something to
 * read. Everyone in the tenant sees counts and endpoints; only those who set connections up see the client's
 * credentials and the endpoints' signing secrets, and change anything. The tenant's account is opened (and seeded)
 * the first time any of these is asked for.
 */
@Service
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxBilling {

    private final SandboxProperties properties;
    private final SandboxAccounts accounts;
    private final SandboxBillingRepository billing;
    private final SandboxWebhooks webhooks;
    private final TransactionTemplate tx;

    SandboxBilling(
            SandboxProperties properties,
            SandboxAccounts accounts,
            SandboxBillingRepository billing,
            SandboxWebhooks webhooks,
            PlatformTransactionManager transactions) {
        this.properties = properties;
        this.accounts = accounts;
        this.billing = billing;
        this.webhooks = webhooks;
        this.tx = new TransactionTemplate(transactions);
    }

    public String baseUrl() {
        return properties.billingBaseUrl();
    }

    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    @PreAuthorize(SandboxRoles.CHANGE)
    public String clientId() {
        return accounts.current().billingClientId();
    }

    @PreAuthorize(SandboxRoles.CHANGE)
    public String clientSecret() {
        return accounts.current().billingClientSecret();
    }

    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public int invoiceCount() {
        accounts.current();
        return billing.invoiceCount();
    }

    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public int customerCount() {
        accounts.current();
        return billing.customerCount();
    }

    /** Issues invoices; each is pushed to the tenant's endpoints once the change commits. */
    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public void issueInvoices(int count) {
        accounts.lockCurrent();
        webhooks.invoicesChanged("invoice.created", billing.issueInvoices(count));
    }

    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public void payInvoices(int count) {
        accounts.current();
        webhooks.invoicesChanged("invoice.updated", billing.payInvoices(count));
    }

    /**
     * Registers a URL for the tenant's invoice webhooks (or returns the endpoint already there); they are signed
     * with the endpoint's own secret.
     *
     * @throws IllegalArgumentException when the egress guard refuses the URL, naming the rule it breaks
     */
    @PreAuthorize(SandboxRoles.CHANGE)
    public SandboxWebhookEndpoint addWebhookEndpoint(String url) {
        // the guard looks the host up: before the transaction, which holds a database connection
        String address = webhooks.checked(url);
        return tx.execute(status -> {
            accounts.current();
            return webhooks.add(address);
        });
    }

    @Transactional
    @PreAuthorize(SandboxRoles.CHANGE)
    public void removeWebhookEndpoint(long id) {
        webhooks.remove(id);
    }

    /** The tenant's endpoints and how their deliveries went, without their secrets. */
    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public List<SandboxWebhookEndpoint> webhookEndpoints() {
        return webhooks.all();
    }

    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.READ)
    public Optional<SandboxWebhookEndpoint> webhookEndpoint(String url) {
        return webhooks.byUrl(url);
    }

    /** The secret deliveries to the tenant's endpoint are signed with; empty for another tenant's endpoint. */
    @Transactional(readOnly = true)
    @PreAuthorize(SandboxRoles.CHANGE)
    public Optional<String> webhookSecret(long endpointId) {
        return webhooks.secret(endpointId);
    }
}
