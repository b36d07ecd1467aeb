package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.IDENTITY_LINK;

import io.patchbay.catalog.MappedRecord;
import io.patchbay.connection.ConnectionId;
import io.patchbay.tenancy.CurrentTenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The core product's records and the links from external ids to them. Upserts are idempotent: applying the same
 * page twice leaves the same state, which is what makes re-reading an uncommitted page after a crash harmless.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class CoreStoreRepository {

    private final DSLContext db;

    CoreStoreRepository(DSLContext db) {
        this.db = db;
    }

    /** Inserts new records, updates changed ones, leaves unchanged ones alone; returns how many were written. */
    public int upsert(ConnectionId connection, String entity, List<MappedRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        UUID tenant = CurrentTenant.require().value();
        // one page may hold a record twice (two webhooks about one invoice): the later one wins
        Map<String, MappedRecord> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.externalId(), record));
        records = List.copyOf(latest.values());
        Map<String, Linked> existing = existing(
                tenant,
                connection,
                entity,
                records.stream().map(MappedRecord::externalId).toArray(String[]::new));
        List<Query> inserts = new ArrayList<>();
        List<Query> updates = new ArrayList<>();
        for (MappedRecord record : records) {
            JSONB data = JSONB.valueOf(record.data().toString());
            var current = existing.get(record.externalId());
            if (current == null) {
                UUID coreId = UUID.randomUUID();
                inserts.add(db.insertInto(CORE_RECORD)
                        .set(CORE_RECORD.CORE_ID, coreId)
                        .set(CORE_RECORD.TENANT_ID, tenant)
                        .set(CORE_RECORD.ENTITY, entity)
                        .set(CORE_RECORD.DATA, data));
                inserts.add(db.insertInto(IDENTITY_LINK)
                        .set(IDENTITY_LINK.TENANT_ID, tenant)
                        .set(IDENTITY_LINK.CONNECTION_ID, connection.value())
                        .set(IDENTITY_LINK.ENTITY, entity)
                        .set(IDENTITY_LINK.EXTERNAL_ID, record.externalId())
                        .set(IDENTITY_LINK.CORE_ID, coreId));
            } else if (!Objects.equals(current.data(), data)) {
                updates.add(db.update(CORE_RECORD)
                        .set(CORE_RECORD.DATA, data)
                        .set(CORE_RECORD.VERSION, CORE_RECORD.VERSION.plus(1))
                        .set(CORE_RECORD.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(CORE_RECORD.TENANT_ID.eq(tenant), CORE_RECORD.CORE_ID.eq(current.coreId()))
                        // compared in the database too: jsonb equality ignores key order and spacing
                        .and(CORE_RECORD.DATA.ne(data)));
            }
        }
        int written = inserts.size() / 2;
        if (!inserts.isEmpty()) {
            db.batch(inserts).execute();
        }
        if (!updates.isEmpty()) {
            for (int count : db.batch(updates).execute()) {
                written += count > 0 ? 1 : 0;
            }
        }
        return written;
    }

    /**
     * The page's records that are linked already, one primary-key lookup per external id. Written so that the plan
     * cannot depend on statistics: after five executions PostgreSQL plans a prepared statement once for any values,
     * and with the statistics of a table that was empty when last analysed (a first sync, autovacuum off or behind)
     * it scanned every link of the connection and filtered an {@code IN} list of ids (about 100 ms per page of 100 at
     * 100,000 links). The {@code OFFSET 0} keeps the lateral subquery a per-id index lookup (1.5 ms for the same page);
     * without it PostgreSQL turns it back into that scan.
     */
    private Map<String, Linked> existing(UUID tenant, ConnectionId connection, String entity, String[] externalIds) {
        return db.resultQuery("""
                        select l.external_id, r.core_id, r.data
                        from unnest(?::text[]) as page(external_id)
                        cross join lateral (
                            select link.external_id, link.core_id from identity_link link
                            where link.connection_id = ? and link.entity = ? and link.external_id = page.external_id
                              and link.tenant_id = ?
                            offset 0) l
                        join core_record r on r.core_id = l.core_id and r.tenant_id = ?
                        """, externalIds, connection.value(), entity, tenant, tenant)
                .coerce(IDENTITY_LINK.EXTERNAL_ID, CORE_RECORD.CORE_ID, CORE_RECORD.DATA)
                .fetchMap(IDENTITY_LINK.EXTERNAL_ID, r -> new Linked(r.value2(), r.value3()));
    }

    private record Linked(UUID coreId, JSONB data) {}

    /** How many core records the connection has linked. */
    public int linkedRecords(ConnectionId connection) {
        return db.fetchCount(
                IDENTITY_LINK,
                IDENTITY_LINK
                        .TENANT_ID
                        .eq(CurrentTenant.require().value())
                        .and(IDENTITY_LINK.CONNECTION_ID.eq(connection.value())));
    }
}
