package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxProperties;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantId;
import io.patchbay.tenancy.TenantService;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens each tenant's sandbox account the first time the tenant's users or connections need it, seeded with made-up
 * data, and finds accounts by the credentials the sandbox's APIs are given. The demo tenant's account uses the
 * configured credentials (README's demo instructions name them); every other tenant gets random ones.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxAccounts {

    /** The demo tenant, whose account carries the configured (published) credentials. */
    public static final String DEMO_TENANT = "acme";

    private static final Logger log = LoggerFactory.getLogger(SandboxAccounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxAccountRepository accounts;
    private final SandboxSeeder seeder;
    private final TenantService tenants;
    private final SandboxProperties properties;
    private final TransactionTemplate joined;
    private final TransactionTemplate own;

    SandboxAccounts(
            SandboxAccountRepository accounts,
            SandboxSeeder seeder,
            TenantService tenants,
            SandboxProperties properties,
            PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.seeder = seeder;
        this.tenants = tenants;
        this.properties = properties;
        this.joined = new TransactionTemplate(transactions);
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The account of the tenant in scope, opened the first time it is asked for. */
    public SandboxAccount current() {
        return of(CurrentTenant.require());
    }

    /**
     * The tenant's account, opened the first time it is asked for. Opening runs in a transaction of its own (the
     * caller's may be read-only), and only the one call that inserted the account seeds it.
     */
    public SandboxAccount of(TenantId tenant) {
        return find(tenant).orElseGet(() -> {
            own.executeWithoutResult(status -> {
                if (accounts.insertIfAbsent(newAccount(tenant))) {
                    CurrentTenant.runAs(tenant, seeder::seedEmptySystems);
                    log.info("Opened the sandbox account of tenant {}", tenant);
                }
            });
            return find(tenant).orElseThrow();
        });
    }

    /**
     * The demo tenant's account, opened and seeded if need be, with the configured credentials even when they
     * changed since it was opened; an empty system (a demo database from before accounts) is seeded.
     */
    void openDemoAccount(Tenant demo) {
        SandboxAccount configured = demoAccount(demo.id());
        own.executeWithoutResult(status -> {
            if (!accounts.insertIfAbsent(configured)) {
                accounts.updateCredentials(configured);
            }
            CurrentTenant.runAs(demo.id(), seeder::seedEmptySystems);
        });
    }

    public Optional<SandboxAccount> byCrmApiKey(String apiKey) {
        return joined.execute(status -> accounts.findByCrmApiKey(apiKey))
                .or(() -> demo(apiKey.equals(properties.crm().apiKey()))
                        .filter(account -> account.crmApiKey().equals(apiKey)));
    }

    public Optional<SandboxAccount> byBillingClientId(String clientId) {
        return joined.execute(status -> accounts.findByBillingClientId(clientId))
                .or(() -> demo(clientId.equals(properties.billing().clientId()))
                        .filter(account -> account.billingClientId().equals(clientId)));
    }

    public Optional<SandboxAccount> byCalendarClientId(String clientId) {
        return joined.execute(status -> accounts.findByCalendarClientId(clientId))
                .or(() -> demo(clientId.equals(properties.calendar().clientId()))
                        .filter(account -> account.calendarClientId().equals(clientId)));
    }

    /**
     * The demo tenant's account for one of its configured credentials, opened if need be: its connections may sync
     * in the moments after a start before {@link DemoSandboxAccount} has opened it.
     */
    private Optional<SandboxAccount> demo(boolean configuredCredential) {
        if (!configuredCredential) {
            return Optional.empty();
        }
        return tenants.findBySlug(DEMO_TENANT).map(demo -> of(demo.id()));
    }

    /** Gives the tenant in scope a new CRM API key and returns it; the key before stops working at once. */
    public String newCrmApiKey() {
        TenantId tenant = current().tenant();
        String key = newCrmKey();
        joined.executeWithoutResult(status -> accounts.setCrmApiKey(tenant, key));
        return key;
    }

    /** Sets the CRM's rate limit for the tenant in scope; the configured limit is stored as no override. */
    public void setCrmRateLimit(SandboxProperties.RateLimit limit) {
        TenantId tenant = current().tenant();
        joined.executeWithoutResult(status ->
                accounts.setCrmRateLimit(tenant, limit.equals(properties.crm().rateLimit()) ? null : limit));
    }

    /**
     * Holds the account of the tenant in scope until the caller's transaction ends, so that changes numbered per
     * account (invoice numbers) do not collide.
     */
    public void lockCurrent() {
        TenantId tenant = current().tenant();
        joined.executeWithoutResult(status -> accounts.lock(tenant));
    }

    private Optional<SandboxAccount> find(TenantId tenant) {
        return joined.execute(status -> accounts.find(tenant));
    }

    private SandboxAccount newAccount(TenantId tenant) {
        boolean demo =
                tenants.find(tenant).map(t -> t.slug().equals(DEMO_TENANT)).orElse(false);
        if (demo) {
            return demoAccount(tenant);
        }
        return new SandboxAccount(
                tenant,
                newCrmKey(),
                "sbx_billing_" + random(9),
                "sbx_billing_secret_" + random(18),
                "sbx_calendar_" + random(9),
                "sbx_calendar_secret_" + random(18),
                null);
    }

    private SandboxAccount demoAccount(TenantId tenant) {
        return new SandboxAccount(
                tenant,
                properties.crm().apiKey(),
                properties.billing().clientId(),
                properties.billing().clientSecret(),
                properties.calendar().clientId(),
                properties.calendar().clientSecret(),
                null);
    }

    private static String newCrmKey() {
        return "sbx_" + random(18);
    }

    /** {@code bytes} random bytes as base64url: 18 bytes make 24 characters. */
    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
