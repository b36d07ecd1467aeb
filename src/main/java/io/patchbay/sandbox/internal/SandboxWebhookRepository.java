package io.patchbay.sandbox.internal;

import static io.patchbay.db.Tables.SANDBOX_BILLING_WEBHOOK_ENDPOINT;

import io.patchbay.db.tables.records.SandboxBillingWebhookEndpointRecord;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import io.patchbay.tenancy.CurrentTenant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The sandbox billing system's webhook endpoints, each in the sandbox account of the tenant in scope. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxWebhookRepository {

    private final DSLContext db;

    SandboxWebhookRepository(DSLContext db) {
        this.db = db;
    }

    /** Where and how to send: an endpoint with its signing secret, for the sender only. */
    record Target(long id, String url, String secret) {

        @Override
        public String toString() {
            return "Target[id=" + id + ", url=" + url + "]";
        }
    }

    public SandboxWebhookEndpoint add(String url, String secret) {
        return db.insertInto(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .set(
                        SANDBOX_BILLING_WEBHOOK_ENDPOINT.TENANT_ID,
                        CurrentTenant.require().value())
                .set(SANDBOX_BILLING_WEBHOOK_ENDPOINT.URL, url)
                .set(SANDBOX_BILLING_WEBHOOK_ENDPOINT.SECRET, secret)
                .returning()
                .fetchOne(SandboxWebhookRepository::toEndpoint);
    }

    public void remove(long id) {
        db.deleteFrom(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .where(mine(), SANDBOX_BILLING_WEBHOOK_ENDPOINT.ID.eq(id))
                .execute();
    }

    public List<SandboxWebhookEndpoint> all() {
        return db.selectFrom(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .where(mine())
                .orderBy(SANDBOX_BILLING_WEBHOOK_ENDPOINT.ID)
                .fetch(SandboxWebhookRepository::toEndpoint);
    }

    public Optional<SandboxWebhookEndpoint> byUrl(String url) {
        return db.selectFrom(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .where(mine(), SANDBOX_BILLING_WEBHOOK_ENDPOINT.URL.eq(url))
                .fetchOptional(SandboxWebhookRepository::toEndpoint);
    }

    public Optional<String> secret(long id) {
        return db.select(SANDBOX_BILLING_WEBHOOK_ENDPOINT.SECRET)
                .from(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .where(mine(), SANDBOX_BILLING_WEBHOOK_ENDPOINT.ID.eq(id))
                .fetchOptional(SANDBOX_BILLING_WEBHOOK_ENDPOINT.SECRET);
    }

    List<Target> targets() {
        var e = SANDBOX_BILLING_WEBHOOK_ENDPOINT;
        return db.select(e.ID, e.URL, e.SECRET)
                .from(e)
                .where(mine())
                .orderBy(e.ID)
                .fetch(r -> new Target(r.value1(), r.value2(), r.value3()));
    }

    void recordAttempt(long id, boolean delivered, String outcome) {
        var e = SANDBOX_BILLING_WEBHOOK_ENDPOINT;
        db.update(e)
                .set(e.DELIVERED, delivered ? e.DELIVERED.plus(1) : e.DELIVERED)
                .set(e.FAILED, delivered ? e.FAILED : e.FAILED.plus(1))
                .set(e.LAST_ATTEMPT_AT, OffsetDateTime.now())
                .set(e.LAST_OUTCOME, outcome)
                .where(mine(), e.ID.eq(id))
                .execute();
    }

    private static Condition mine() {
        return SANDBOX_BILLING_WEBHOOK_ENDPOINT.TENANT_ID.eq(
                CurrentTenant.require().value());
    }

    private static SandboxWebhookEndpoint toEndpoint(SandboxBillingWebhookEndpointRecord r) {
        return new SandboxWebhookEndpoint(
                r.getId(),
                r.getUrl(),
                r.getDelivered(),
                r.getFailed(),
                r.getLastAttemptAt() == null ? null : r.getLastAttemptAt().toInstant(),
                r.getLastOutcome());
    }
}
