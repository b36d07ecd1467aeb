package io.patchbay.schema.internal;

import static io.patchbay.db.Tables.SCHEMA_VERSION;
import static io.patchbay.db.Tables.SCHEMA_VERSION_STATUS;

import io.patchbay.schema.VersionStatus;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The registry's run-time rows: the operator's, not a tenant's (ADR 13). */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class SchemaVersionRepository {

    private final DSLContext db;

    SchemaVersionRepository(DSLContext db) {
        this.db = db;
    }

    /** A version registered at run time, as stored. */
    public record Registered(
            String subject, int version, String schemaJson, String notes, String registeredBy, Instant registeredAt) {}

    /** A version moved on in its life, and by whom. */
    public record StatusChange(
            String subject, int version, VersionStatus status, String changedBy, Instant changedAt) {}

    /** One registration or status change at a time per subject, until the transaction ends. */
    public void lock(String subject) {
        db.select(DSL.field("pg_advisory_xact_lock(hashtext({0}))", Object.class, "schema:" + subject))
                .fetch();
    }

    public List<Registered> registered() {
        return db.selectFrom(SCHEMA_VERSION)
                .orderBy(SCHEMA_VERSION.SUBJECT, SCHEMA_VERSION.VERSION)
                .fetch(r -> new Registered(
                        r.getSubject(),
                        r.getVersion(),
                        r.getSchemaJson(),
                        r.getNotes(),
                        r.getRegisteredBy(),
                        r.getRegisteredAt().toInstant()));
    }

    public List<StatusChange> statuses() {
        return db.selectFrom(SCHEMA_VERSION_STATUS)
                .fetch(r -> new StatusChange(
                        r.getSubject(),
                        r.getVersion(),
                        VersionStatus.valueOf(r.getStatus()),
                        r.getChangedBy(),
                        r.getChangedAt().toInstant()));
    }

    public void insert(String subject, int version, String schemaJson, String notes, String registeredBy) {
        db.insertInto(SCHEMA_VERSION)
                .set(SCHEMA_VERSION.SUBJECT, subject)
                .set(SCHEMA_VERSION.VERSION, version)
                .set(SCHEMA_VERSION.SCHEMA_JSON, schemaJson)
                .set(SCHEMA_VERSION.NOTES, notes)
                .set(SCHEMA_VERSION.REGISTERED_BY, registeredBy)
                .execute();
    }

    public void setStatus(String subject, int version, VersionStatus status, String changedBy) {
        db.insertInto(SCHEMA_VERSION_STATUS)
                .set(SCHEMA_VERSION_STATUS.SUBJECT, subject)
                .set(SCHEMA_VERSION_STATUS.VERSION, version)
                .set(SCHEMA_VERSION_STATUS.STATUS, status.name())
                .set(SCHEMA_VERSION_STATUS.CHANGED_BY, changedBy)
                .onConflict(SCHEMA_VERSION_STATUS.SUBJECT, SCHEMA_VERSION_STATUS.VERSION)
                .doUpdate()
                .set(SCHEMA_VERSION_STATUS.STATUS, status.name())
                .set(SCHEMA_VERSION_STATUS.CHANGED_BY, changedBy)
                .set(SCHEMA_VERSION_STATUS.CHANGED_AT, DSL.currentOffsetDateTime())
                .execute();
    }
}
