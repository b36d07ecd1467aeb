package io.patchbay.connection.internal;

import static io.patchbay.db.Tables.CONNECTION;
import static io.patchbay.db.Tables.GUARDRAIL_EXCEPTION;

import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.GuardrailException;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Guardrail exceptions in PostgreSQL, scoped to the tenant in {@link CurrentTenant}. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class GuardrailExceptionRepository {

    private final DSLContext db;

    GuardrailExceptionRepository(DSLContext db) {
        this.db = db;
    }

    /** False when the connection has an open request or approval for that rule already. */
    public boolean insert(
            UUID id, ConnectionId connection, String rule, String ruleText, String justification, String by) {
        return db.insertInto(GUARDRAIL_EXCEPTION)
                        .set(GUARDRAIL_EXCEPTION.ID, id)
                        .set(
                                GUARDRAIL_EXCEPTION.TENANT_ID,
                                CurrentTenant.require().value())
                        .set(GUARDRAIL_EXCEPTION.CONNECTION_ID, connection.value())
                        .set(GUARDRAIL_EXCEPTION.RULE, rule)
                        .set(GUARDRAIL_EXCEPTION.RULE_TEXT, ruleText)
                        .set(GUARDRAIL_EXCEPTION.JUSTIFICATION, justification)
                        .set(GUARDRAIL_EXCEPTION.STATUS, "requested")
                        .set(GUARDRAIL_EXCEPTION.REQUESTED_BY, by)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Decides a request still open; false when it was decided meanwhile. */
    public boolean decide(UUID id, boolean approved, String by, String note, Instant expiresAt) {
        return db.update(GUARDRAIL_EXCEPTION)
                        .set(GUARDRAIL_EXCEPTION.STATUS, approved ? "approved" : "denied")
                        .set(GUARDRAIL_EXCEPTION.DECIDED_BY, by)
                        .set(GUARDRAIL_EXCEPTION.DECIDED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .set(GUARDRAIL_EXCEPTION.DECISION_NOTE, note)
                        .set(GUARDRAIL_EXCEPTION.EXPIRES_AT, approved ? expiresAt.atOffset(ZoneOffset.UTC) : null)
                        .where(GUARDRAIL_EXCEPTION.TENANT_ID.eq(
                                CurrentTenant.require().value()))
                        .and(GUARDRAIL_EXCEPTION.ID.eq(id))
                        .and(GUARDRAIL_EXCEPTION.STATUS.eq("requested"))
                        .execute()
                == 1;
    }

    /** An expired approval no longer holds the rule's place: a new request may be made. */
    public void closeExpired(ConnectionId connection, String rule) {
        db.update(GUARDRAIL_EXCEPTION)
                .set(GUARDRAIL_EXCEPTION.STATUS, "denied")
                .set(GUARDRAIL_EXCEPTION.DECISION_NOTE, "expired")
                .where(GUARDRAIL_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(GUARDRAIL_EXCEPTION.CONNECTION_ID.eq(connection.value()))
                .and(GUARDRAIL_EXCEPTION.RULE.eq(rule))
                .and(GUARDRAIL_EXCEPTION.STATUS.eq("approved"))
                .and(GUARDRAIL_EXCEPTION.EXPIRES_AT.le(OffsetDateTime.now(ZoneOffset.UTC)))
                .execute();
    }

    public Optional<GuardrailException> find(UUID id) {
        return query().where(
                        GUARDRAIL_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(GUARDRAIL_EXCEPTION.ID.eq(id))
                .fetchOptional(this::toException);
    }

    /** The tenant's exceptions, newest first. */
    public List<GuardrailException> list(int limit) {
        return query().where(
                        GUARDRAIL_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .orderBy(GUARDRAIL_EXCEPTION.REQUESTED_AT.desc(), GUARDRAIL_EXCEPTION.ID)
                .limit(limit)
                .fetch(this::toException);
    }

    /** A connection's open requests and approvals. */
    public List<GuardrailException> open(ConnectionId connection) {
        return query().where(
                        GUARDRAIL_EXCEPTION.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(GUARDRAIL_EXCEPTION.CONNECTION_ID.eq(connection.value()))
                .and(GUARDRAIL_EXCEPTION.STATUS.in("requested", "approved"))
                .fetch(this::toException);
    }

    private SelectOnConditionStep<Record> query() {
        return db.select(GUARDRAIL_EXCEPTION.asterisk(), CONNECTION.NAME)
                .from(GUARDRAIL_EXCEPTION)
                .join(CONNECTION)
                .on(CONNECTION.ID.eq(GUARDRAIL_EXCEPTION.CONNECTION_ID))
                .and(CONNECTION.TENANT_ID.eq(GUARDRAIL_EXCEPTION.TENANT_ID));
    }

    private GuardrailException toException(Record r) {
        var expires = r.get(GUARDRAIL_EXCEPTION.EXPIRES_AT);
        return new GuardrailException(
                r.get(GUARDRAIL_EXCEPTION.ID),
                new ConnectionId(r.get(GUARDRAIL_EXCEPTION.CONNECTION_ID)),
                r.get(CONNECTION.NAME),
                r.get(GUARDRAIL_EXCEPTION.RULE),
                r.get(GUARDRAIL_EXCEPTION.RULE_TEXT),
                r.get(GUARDRAIL_EXCEPTION.JUSTIFICATION),
                GuardrailException.Status.valueOf(
                        r.get(GUARDRAIL_EXCEPTION.STATUS).toUpperCase(Locale.ROOT)),
                r.get(GUARDRAIL_EXCEPTION.REQUESTED_BY),
                r.get(GUARDRAIL_EXCEPTION.REQUESTED_AT).toInstant(),
                r.get(GUARDRAIL_EXCEPTION.DECIDED_BY),
                r.get(GUARDRAIL_EXCEPTION.DECISION_NOTE),
                expires == null ? null : expires.toInstant());
    }
}
