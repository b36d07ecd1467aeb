package io.patchbay.sandbox.internal;

import static io.patchbay.db.Tables.SANDBOX_BILLING_WEBHOOK_ENDPOINT;

import io.patchbay.db.tables.records.SandboxBillingWebhookEndpointRecord;
import io.patchbay.sandbox.SandboxWebhookEndpoint;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The sandbox billing system's webhook endpoints. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxWebhookRepository {

    private final DSLContext db;

    SandboxWebhookRepository(DSLContext db) {
        this.db = db;
    }

    public SandboxWebhookEndpoint add(String url, String secret) {
        return db.insertInto(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .set(SANDBOX_BILLING_WEBHOOK_ENDPOINT.URL, url)
                .set(SANDBOX_BILLING_WEBHOOK_ENDPOINT.SECRET, secret)
                .returning()
                .fetchOne(SandboxWebhookRepository::toEndpoint);
    }

    public void remove(long id) {
        db.deleteFrom(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .where(SANDBOX_BILLING_WEBHOOK_ENDPOINT.ID.eq(id))
                .execute();
    }

    public List<SandboxWebhookEndpoint> all() {
        return db.selectFrom(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .orderBy(SANDBOX_BILLING_WEBHOOK_ENDPOINT.ID)
                .fetch(SandboxWebhookRepository::toEndpoint);
    }

    public Optional<SandboxWebhookEndpoint> byUrl(String url) {
        return db.selectFrom(SANDBOX_BILLING_WEBHOOK_ENDPOINT)
                .where(SANDBOX_BILLING_WEBHOOK_ENDPOINT.URL.eq(url))
                .fetchOptional(SandboxWebhookRepository::toEndpoint);
    }

    void recordAttempt(long id, boolean delivered, String outcome) {
        var e = SANDBOX_BILLING_WEBHOOK_ENDPOINT;
        db.update(e)
                .set(e.DELIVERED, delivered ? e.DELIVERED.plus(1) : e.DELIVERED)
                .set(e.FAILED, delivered ? e.FAILED : e.FAILED.plus(1))
                .set(e.LAST_ATTEMPT_AT, OffsetDateTime.now())
                .set(e.LAST_OUTCOME, outcome)
                .where(e.ID.eq(id))
                .execute();
    }

    private static SandboxWebhookEndpoint toEndpoint(SandboxBillingWebhookEndpointRecord r) {
        return new SandboxWebhookEndpoint(
                r.getId(),
                r.getUrl(),
                r.getSecret(),
                r.getDelivered(),
                r.getFailed(),
                r.getLastAttemptAt() == null ? null : r.getLastAttemptAt().toInstant(),
                r.getLastOutcome());
    }
}
