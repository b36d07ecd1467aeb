package io.patchbay.audit.internal;

import static io.patchbay.db.Tables.AUDIT_ENTRY;

import io.patchbay.audit.AuditEntry;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Audit entries; appended, never changed. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class AuditRepository {

    private final DSLContext db;
    private final ObjectMapper json;

    AuditRepository(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void append(
            TenantId tenant,
            String actor,
            String action,
            String objectType,
            String objectId,
            Map<String, String> details) {
        db.insertInto(AUDIT_ENTRY)
                .set(AUDIT_ENTRY.TENANT_ID, tenant.value())
                .set(AUDIT_ENTRY.ACTOR, actor)
                .set(AUDIT_ENTRY.ACTION, action)
                .set(AUDIT_ENTRY.OBJECT_TYPE, objectType)
                .set(AUDIT_ENTRY.OBJECT_ID, objectId)
                .set(AUDIT_ENTRY.CORRELATION_ID, io.patchbay.base.Correlation.currentOrNull())
                .set(
                        AUDIT_ENTRY.DETAILS,
                        JSONB.valueOf(json.writeValueAsString(withStaffReason(tenant, actor, details))))
                .execute();
    }

    /**
     * Staff acting in a customer's tenant: each entry says why they are there, as they said on choosing the tenant,
     * so the customer reads who did what and why in one place.
     */
    private static Map<String, String> withStaffReason(TenantId tenant, String actor, Map<String, String> details) {
        return CurrentTenant.member()
                .filter(member ->
                        member.username().equals(actor) && member.tenantId().equals(tenant))
                .flatMap(member -> member.visitReason())
                .filter(reason -> !details.containsKey("reason"))
                .map(reason -> {
                    Map<String, String> withReason = new java.util.LinkedHashMap<>(details);
                    withReason.put("staffReason", reason);
                    return (Map<String, String>) withReason;
                })
                .orElse(details);
    }

    /** The newest entry about the object made before {@code before}, if any. */
    public java.util.Optional<AuditEntry> lastBefore(String objectType, String objectId, java.time.Instant before) {
        return db.selectFrom(AUDIT_ENTRY)
                .where(
                        AUDIT_ENTRY.TENANT_ID.eq(CurrentTenant.require().value()),
                        AUDIT_ENTRY.OBJECT_TYPE.eq(objectType),
                        AUDIT_ENTRY.OBJECT_ID.eq(objectId),
                        AUDIT_ENTRY.OCCURRED_AT.lt(before.atOffset(java.time.ZoneOffset.UTC)))
                .orderBy(AUDIT_ENTRY.OCCURRED_AT.desc(), AUDIT_ENTRY.ID.desc())
                .limit(1)
                .fetchOptional(this::toEntry);
    }

    /** The tenant's entries made by the work with this correlation id, newest first. */
    public List<AuditEntry> forCorrelation(String correlationId, int limit) {
        return db.selectFrom(AUDIT_ENTRY)
                .where(
                        AUDIT_ENTRY.TENANT_ID.eq(CurrentTenant.require().value()),
                        AUDIT_ENTRY.CORRELATION_ID.eq(correlationId))
                .orderBy(AUDIT_ENTRY.OCCURRED_AT.desc(), AUDIT_ENTRY.ID.desc())
                .limit(limit)
                .fetch(this::toEntry);
    }

    public List<AuditEntry> forObject(String objectType, String objectId, int limit) {
        return db.selectFrom(AUDIT_ENTRY)
                .where(
                        AUDIT_ENTRY.TENANT_ID.eq(CurrentTenant.require().value()),
                        AUDIT_ENTRY.OBJECT_TYPE.eq(objectType),
                        AUDIT_ENTRY.OBJECT_ID.eq(objectId))
                .orderBy(AUDIT_ENTRY.OCCURRED_AT.desc(), AUDIT_ENTRY.ID.desc())
                .limit(limit)
                .fetch(this::toEntry);
    }

    private AuditEntry toEntry(io.patchbay.db.tables.records.AuditEntryRecord r) {
        return new AuditEntry(
                r.getOccurredAt().toInstant(),
                r.getActor(),
                r.getAction(),
                r.getObjectType(),
                r.getObjectId(),
                json.readValue(r.getDetails().data(), new TypeReference<Map<String, String>>() {}),
                r.getCorrelationId());
    }
}
