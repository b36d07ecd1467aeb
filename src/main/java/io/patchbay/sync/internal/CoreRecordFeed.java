package io.patchbay.sync.internal;

import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.tenancy.CurrentTenant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tenant's core records of an entity in the order they last changed, as a destination follows them: after a
 * position (change time, core id), only up to what no open transaction can still write before. A transaction that
 * began earlier and has not committed yet would commit records stamped with its start, behind a position already
 * passed; the feed stops short of the oldest such start, so nothing is skipped.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class CoreRecordFeed {

    /** A core record as a destination reads it. */
    record Changed(UUID coreId, ObjectNode data, OffsetDateTime updatedAt) {}

    /** Where a destination is in the feed: after this record. */
    record Position(OffsetDateTime updatedAt, UUID coreId) {}

    private final DSLContext db;
    private final ObjectMapper json;

    CoreRecordFeed(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    List<Changed> after(String entity, Position after, int limit) {
        return db.resultQuery("""
                        select core_id, data::text, updated_at from core_record
                        where tenant_id = ? and entity = ? and (updated_at, core_id) > (?::timestamptz, ?::uuid)
                          and updated_at < (
                              select coalesce(min(xact_start), now()) from pg_stat_activity
                              where datname = current_database() and xact_start is not null
                                and pid <> pg_backend_pid())
                        order by updated_at, core_id
                        limit ?
                        """, CurrentTenant.require().value(), entity, after.updatedAt(), after.coreId(), limit)
                .fetch(this::changed);
    }

    /** These records as they are now (those that still exist). */
    List<Changed> find(Collection<UUID> coreIds) {
        return db.resultQuery("""
                        select core_id, data::text, updated_at from core_record
                        where tenant_id = ? and core_id = any(?::uuid[])
                        """, CurrentTenant.require().value(), coreIds.toArray(UUID[]::new))
                .fetch(this::changed);
    }

    /** A row of {@code core_id, data::text, updated_at} as a changed record. */
    private Changed changed(org.jooq.Record row) {
        return new Changed(
                row.get(0, UUID.class),
                (ObjectNode) json.readTree(row.get(1, String.class)),
                row.get(2, OffsetDateTime.class));
    }

    /** The newest records of the entity, named by core id: what a destination's mapping is tried on. */
    List<SourceRecord> newest(String entity, int limit) {
        return db.resultQuery("""
                        select core_id, data::text from core_record where tenant_id = ? and entity = ?
                        order by updated_at desc limit ?
                        """, CurrentTenant.require().value(), entity, limit)
                .fetch(row -> new SourceRecord(
                        row.get(0, UUID.class).toString(), (ObjectNode) json.readTree(row.get(1, String.class))));
    }
}
