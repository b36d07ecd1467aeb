package io.patchbay.sync.internal;

import static io.patchbay.db.Tables.CORE_RECORD;
import static io.patchbay.db.Tables.IDENTITY_LINK;

import io.patchbay.connection.ConnectionId;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.validation.IdentityRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
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
    private final IdentityResolution identities;

    CoreStoreRepository(DSLContext db, IdentityResolution identities) {
        this.db = db;
        this.identities = identities;
    }

    /**
     * Removes a connection's identity links, and the core records only it linked to (a record another connection also
     * links to stays, as that connection's). Returns how many records were removed.
     */
    public int removeRecordsOf(ConnectionId connection) {
        UUID tenant = CurrentTenant.require().value();
        List<UUID> linked = db.deleteFrom(IDENTITY_LINK)
                .where(IDENTITY_LINK.TENANT_ID.eq(tenant))
                .and(IDENTITY_LINK.CONNECTION_ID.eq(connection.value()))
                .returning(IDENTITY_LINK.CORE_ID)
                .fetch(IDENTITY_LINK.CORE_ID);
        if (linked.isEmpty()) {
            return 0;
        }
        return db.deleteFrom(CORE_RECORD)
                .where(CORE_RECORD.TENANT_ID.eq(tenant))
                .and(CORE_RECORD.CORE_ID.eq(DSL.any(linked.toArray(UUID[]::new))))
                .andNotExists(DSL.selectOne()
                        .from(IDENTITY_LINK)
                        .where(IDENTITY_LINK.TENANT_ID.eq(tenant))
                        .and(IDENTITY_LINK.CORE_ID.eq(CORE_RECORD.CORE_ID)))
                .execute();
    }

    /**
     * Inserts new records, updates changed ones, leaves unchanged ones alone; returns how many were written. A record
     * without a link yet is matched by the template's identity rules first: to a core record another connection (or
     * an earlier record) made, which it then updates and links to, or to a new one.
     */
    public int upsert(
            ConnectionId connection,
            String entity,
            List<MappedRecord> records,
            IdentityRules identity,
            String correlationId) {
        if (records.isEmpty()) {
            return 0;
        }
        UUID tenant = CurrentTenant.require().value();
        // one page may hold a record twice (two webhooks about one invoice): the later one wins
        Map<String, MappedRecord> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.externalId(), record));
        records = List.copyOf(latest.values());
        identities.lockKeys(tenant, entity, identity, records);
        Map<String, UUID> existing = existing(
                tenant,
                connection,
                entity,
                records.stream().map(MappedRecord::externalId).toArray(String[]::new));
        IdentityResolution.Resolved resolved = identities.resolve(
                tenant,
                connection,
                entity,
                identity,
                records.stream()
                        .filter(record -> !existing.containsKey(record.externalId()))
                        .toList());
        var created = new Columns(records.size());
        var changed = new Columns(records.size());
        var matched = new Columns(resolved.matched().size());
        Map<UUID, MappedRecord> written = new LinkedHashMap<>();
        for (MappedRecord record : records) {
            String data = record.data().toString();
            UUID current = existing.get(record.externalId());
            UUID match = resolved.matched().get(record.externalId());
            if (current != null) {
                changed.add(current, record.externalId(), data);
                written.put(current, record);
            } else if (match != null) {
                matched.add(match, record.externalId(), data);
                changed.add(match, record.externalId(), data);
                written.put(match, record);
            } else {
                UUID id = resolved.created().get(record.externalId());
                created.add(id, record.externalId(), data);
                written.put(id, record);
            }
        }
        int count = insert(tenant, connection, entity, created);
        link(tenant, connection, entity, matched);
        count += update(tenant, changed);
        identities.storeKeys(tenant, entity, identity, written);
        identities.storeConflicts(tenant, connection, entity, correlationId, resolved.conflicts());
        return count;
    }

    /**
     * New core records and their links, each in one statement for the whole page: a page costs the same few round
     * trips and plans whatever its size, where a statement per record cost one parse and one round trip each.
     */
    private int insert(UUID tenant, ConnectionId connection, String entity, Columns created) {
        if (created.isEmpty()) {
            return 0;
        }
        db.execute("""
                insert into core_record (core_id, tenant_id, entity, data)
                select page.core_id, ?, ?, page.data
                from unnest(?::uuid[], ?::jsonb[]) as page(core_id, data)
                """, tenant, entity, created.coreIds(), created.data());
        link(tenant, connection, entity, created);
        return created.size();
    }

    /** Links external records to core records (new ones, or ones their identity rules matched). */
    private void link(UUID tenant, ConnectionId connection, String entity, Columns linked) {
        if (linked.isEmpty()) {
            return;
        }
        db.execute("""
                insert into identity_link (tenant_id, connection_id, entity, external_id, core_id)
                select ?, ?, ?, page.external_id, page.core_id
                from unnest(?::text[], ?::uuid[]) as page(external_id, core_id)
                """, tenant, connection.value(), entity, linked.externalIds(), linked.coreIds());
    }

    /**
     * Brings linked records to the page's values in one statement: the page's fields replace the record's, and fields
     * only another connection gives stay (a record several connections are holds what each knows). A record whose
     * data would not change is left alone (compared as jsonb, which ignores key order and spacing) and not counted.
     */
    private int update(UUID tenant, Columns changed) {
        if (changed.isEmpty()) {
            return 0;
        }
        return db.execute("""
                update core_record r
                set data = r.data || page.data, version = r.version + 1, updated_at = now()
                from unnest(?::uuid[], ?::jsonb[]) as page(core_id, data)
                where r.tenant_id = ? and r.core_id = page.core_id and r.data is distinct from r.data || page.data
                """, changed.coreIds(), changed.data(), tenant);
    }

    /**
     * The page's records that are linked already, one primary-key lookup per external id. Written so that the plan
     * cannot depend on statistics: after five executions PostgreSQL plans a prepared statement once for any values,
     * and with the statistics of a table that was empty when last analysed (a first sync, autovacuum off or behind)
     * it scanned every link of the connection and filtered an {@code IN} list of ids (about 100 ms per page of 100 at
     * 100,000 links). The {@code OFFSET 0} keeps the lateral subquery a per-id index lookup (1.5 ms for the same page);
     * without it PostgreSQL turns it back into that scan.
     */
    private Map<String, UUID> existing(UUID tenant, ConnectionId connection, String entity, String[] externalIds) {
        return db.resultQuery("""
                        select l.external_id, l.core_id
                        from unnest(?::text[]) as page(external_id)
                        cross join lateral (
                            select link.external_id, link.core_id from identity_link link
                            where link.connection_id = ? and link.entity = ? and link.external_id = page.external_id
                              and link.tenant_id = ?
                            offset 0) l
                        """, externalIds, connection.value(), entity, tenant)
                .coerce(IDENTITY_LINK.EXTERNAL_ID, IDENTITY_LINK.CORE_ID)
                .fetchMap(IDENTITY_LINK.EXTERNAL_ID, IDENTITY_LINK.CORE_ID);
    }

    /** A page's records as the columns of the statements that write them, bound as one array each. */
    private static final class Columns {
        private final List<UUID> coreIds;
        private final List<String> externalIds;
        private final List<String> data;

        Columns(int capacity) {
            coreIds = new ArrayList<>(capacity);
            externalIds = new ArrayList<>(capacity);
            data = new ArrayList<>(capacity);
        }

        void add(UUID coreId, String externalId, String json) {
            coreIds.add(coreId);
            externalIds.add(externalId);
            data.add(json);
        }

        boolean isEmpty() {
            return coreIds.isEmpty();
        }

        int size() {
            return coreIds.size();
        }

        UUID[] coreIds() {
            return coreIds.toArray(UUID[]::new);
        }

        String[] externalIds() {
            return externalIds.toArray(String[]::new);
        }

        String[] data() {
            return data.toArray(String[]::new);
        }
    }

    /**
     * Which of {@code values} some core record of {@code entity} has in {@code field}: what a reference rule looks
     * up. Reads the tenant's records of that entity through their index; fine for the reference data rules name
     * (companies, accounts), not meant for millions of records.
     */
    public Set<String> existingValues(String entity, String field, Set<String> values) {
        return Set.copyOf(db.selectDistinct(DSL.field("data ->> {0}", String.class, DSL.val(field)))
                .from(CORE_RECORD)
                .where(CORE_RECORD.TENANT_ID.eq(CurrentTenant.require().value()))
                .and(CORE_RECORD.ENTITY.eq(entity))
                .and(DSL.field("data ->> {0}", String.class, DSL.val(field)).eq(DSL.any(values.toArray(String[]::new))))
                .fetch(r -> r.value1()));
    }

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
