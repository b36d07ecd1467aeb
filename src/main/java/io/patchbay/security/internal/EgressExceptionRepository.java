package io.patchbay.security.internal;

import static io.patchbay.db.Tables.EGRESS_EXCEPTION;

import io.patchbay.db.tables.records.EgressExceptionRecord;
import io.patchbay.security.EgressException;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The current tenant's network exceptions, one row per host with its latest request and decision. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class EgressExceptionRepository {

    private final DSLContext db;

    EgressExceptionRepository(DSLContext db) {
        this.db = db;
    }

    /** Waiting ones first, then by host. */
    public List<EgressException> list() {
        return db.selectFrom(EGRESS_EXCEPTION)
                .where(EGRESS_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .orderBy(EGRESS_EXCEPTION.STATUS.eq("pending").desc(), EGRESS_EXCEPTION.HOST)
                .fetch(EgressExceptionRepository::toException);
    }

    /** The tenant in scope's exception for a host; empty where there is no tenant in scope. */
    public Optional<EgressException> findByHost(String host) {
        return CurrentTenant.find()
                .flatMap(tenant -> db.selectFrom(EGRESS_EXCEPTION)
                        .where(EGRESS_EXCEPTION.TENANT_ID.eq(tenant.value()), EGRESS_EXCEPTION.HOST.eq(host))
                        .fetchOptional(EgressExceptionRepository::toException));
    }

    /** Locks the row: two engineers deciding at once take turns, and the second sees the first's decision. */
    public Optional<EgressException> lock(UUID id) {
        return db.selectFrom(EGRESS_EXCEPTION)
                .where(EGRESS_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()), EGRESS_EXCEPTION.ID.eq(id))
                .forUpdate()
                .fetchOptional(EgressExceptionRepository::toException);
    }

    /** A new request, or a fresh one for a host whose earlier exception was denied, revoked or expired. */
    public void request(String host, String reason, String actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.insertInto(EGRESS_EXCEPTION)
                .set(EGRESS_EXCEPTION.ID, UUID.randomUUID())
                .set(EGRESS_EXCEPTION.TENANT_ID, CurrentTenant.require().value())
                .set(EGRESS_EXCEPTION.HOST, host)
                .set(EGRESS_EXCEPTION.REASON, reason)
                .set(EGRESS_EXCEPTION.REQUESTED_BY, actor)
                .set(EGRESS_EXCEPTION.REQUESTED_AT, now)
                .set(EGRESS_EXCEPTION.STATUS, "pending")
                .onConflict(EGRESS_EXCEPTION.TENANT_ID, EGRESS_EXCEPTION.HOST)
                .doUpdate()
                .set(EGRESS_EXCEPTION.REASON, reason)
                .set(EGRESS_EXCEPTION.REQUESTED_BY, actor)
                .set(EGRESS_EXCEPTION.REQUESTED_AT, now)
                .set(EGRESS_EXCEPTION.STATUS, "pending")
                .setNull(EGRESS_EXCEPTION.DECIDED_BY)
                .setNull(EGRESS_EXCEPTION.DECIDED_AT)
                .setNull(EGRESS_EXCEPTION.DECISION_NOTE)
                .setNull(EGRESS_EXCEPTION.EXPIRES_AT)
                .execute();
    }

    public void decide(
            UUID id, EgressException.Status status, String actor, @Nullable String note, @Nullable Instant expiresAt) {
        db.update(EGRESS_EXCEPTION)
                .set(EGRESS_EXCEPTION.STATUS, status.name().toLowerCase(Locale.ROOT))
                .set(EGRESS_EXCEPTION.DECIDED_BY, actor)
                .set(EGRESS_EXCEPTION.DECIDED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .set(EGRESS_EXCEPTION.DECISION_NOTE, note)
                .set(EGRESS_EXCEPTION.EXPIRES_AT, expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
                .where(EGRESS_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()), EGRESS_EXCEPTION.ID.eq(id))
                .execute();
    }

    private static EgressException toException(EgressExceptionRecord r) {
        return new EgressException(
                r.getId(),
                r.getHost(),
                r.getReason(),
                EgressException.Status.valueOf(r.getStatus().toUpperCase(Locale.ROOT)),
                r.getRequestedBy(),
                r.getRequestedAt().toInstant(),
                r.getDecidedBy(),
                r.getDecidedAt() == null ? null : r.getDecidedAt().toInstant(),
                r.getDecisionNote(),
                r.getExpiresAt() == null ? null : r.getExpiresAt().toInstant());
    }
}
