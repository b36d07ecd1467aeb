package io.patchbay.sandbox.internal;

import static io.patchbay.db.Tables.SANDBOX_ACCOUNT;

import io.patchbay.db.tables.records.SandboxAccountRecord;
import io.patchbay.sandbox.SandboxProperties;
import io.patchbay.tenancy.TenantId;
import java.time.Duration;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox accounts, one per tenant. The sandbox's APIs have no signed-in user: they find the account by the
 * credential presented, as a login finds a user by name, and act for its tenant from then on.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxAccountRepository {

    private final DSLContext db;

    SandboxAccountRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Opens the account unless the tenant has one; true when this call opened it. A concurrent opener waits for
     * the first to commit and then finds the account there.
     */
    boolean insertIfAbsent(SandboxAccount account) {
        return db.insertInto(SANDBOX_ACCOUNT)
                        .set(SANDBOX_ACCOUNT.TENANT_ID, account.tenant().value())
                        .set(SANDBOX_ACCOUNT.CRM_API_KEY, account.crmApiKey())
                        .set(SANDBOX_ACCOUNT.BILLING_CLIENT_ID, account.billingClientId())
                        .set(SANDBOX_ACCOUNT.BILLING_CLIENT_SECRET, account.billingClientSecret())
                        .set(SANDBOX_ACCOUNT.CALENDAR_CLIENT_ID, account.calendarClientId())
                        .set(SANDBOX_ACCOUNT.CALENDAR_CLIENT_SECRET, account.calendarClientSecret())
                        .onConflict(SANDBOX_ACCOUNT.TENANT_ID)
                        .doNothing()
                        .execute()
                == 1;
    }

    Optional<SandboxAccount> find(TenantId tenant) {
        return find(SANDBOX_ACCOUNT.TENANT_ID.eq(tenant.value()));
    }

    Optional<SandboxAccount> findByCrmApiKey(String apiKey) {
        return find(SANDBOX_ACCOUNT.CRM_API_KEY.eq(apiKey));
    }

    Optional<SandboxAccount> findByBillingClientId(String clientId) {
        return find(SANDBOX_ACCOUNT.BILLING_CLIENT_ID.eq(clientId));
    }

    Optional<SandboxAccount> findByCalendarClientId(String clientId) {
        return find(SANDBOX_ACCOUNT.CALENDAR_CLIENT_ID.eq(clientId));
    }

    /** Holds the account's row until the transaction ends, so that changes numbered per account do not collide. */
    void lock(TenantId tenant) {
        db.selectOne()
                .from(SANDBOX_ACCOUNT)
                .where(SANDBOX_ACCOUNT.TENANT_ID.eq(tenant.value()))
                .forUpdate()
                .execute();
    }

    /** Replaces the account's CRM API key: the one before stops working at once. */
    void setCrmApiKey(TenantId tenant, String apiKey) {
        db.update(SANDBOX_ACCOUNT)
                .set(SANDBOX_ACCOUNT.CRM_API_KEY, apiKey)
                .where(SANDBOX_ACCOUNT.TENANT_ID.eq(tenant.value()))
                .execute();
    }

    /** Gives an existing account these credentials (the demo tenant's, when the configured ones changed). */
    void updateCredentials(SandboxAccount account) {
        db.update(SANDBOX_ACCOUNT)
                .set(SANDBOX_ACCOUNT.CRM_API_KEY, account.crmApiKey())
                .set(SANDBOX_ACCOUNT.BILLING_CLIENT_ID, account.billingClientId())
                .set(SANDBOX_ACCOUNT.BILLING_CLIENT_SECRET, account.billingClientSecret())
                .set(SANDBOX_ACCOUNT.CALENDAR_CLIENT_ID, account.calendarClientId())
                .set(SANDBOX_ACCOUNT.CALENDAR_CLIENT_SECRET, account.calendarClientSecret())
                .where(SANDBOX_ACCOUNT.TENANT_ID.eq(account.tenant().value()))
                .execute();
    }

    /** The CRM's rate limit for the account; null goes back to the configured one. */
    void setCrmRateLimit(TenantId tenant, SandboxProperties.@Nullable RateLimit limit) {
        db.update(SANDBOX_ACCOUNT)
                .set(SANDBOX_ACCOUNT.CRM_RATE_LIMIT_REQUESTS, limit == null ? null : limit.requests())
                .set(
                        SANDBOX_ACCOUNT.CRM_RATE_LIMIT_MILLIS,
                        limit == null ? null : limit.per().toMillis())
                .where(SANDBOX_ACCOUNT.TENANT_ID.eq(tenant.value()))
                .execute();
    }

    private Optional<SandboxAccount> find(Condition condition) {
        return db.selectFrom(SANDBOX_ACCOUNT).where(condition).fetchOptional(SandboxAccountRepository::toAccount);
    }

    private static SandboxAccount toAccount(SandboxAccountRecord r) {
        return new SandboxAccount(
                new TenantId(r.getTenantId()),
                r.getCrmApiKey(),
                r.getBillingClientId(),
                r.getBillingClientSecret(),
                r.getCalendarClientId(),
                r.getCalendarClientSecret(),
                r.getCrmRateLimitRequests() == null || r.getCrmRateLimitMillis() == null
                        ? null
                        : new SandboxProperties.RateLimit(
                                r.getCrmRateLimitRequests(), Duration.ofMillis(r.getCrmRateLimitMillis())));
    }
}
